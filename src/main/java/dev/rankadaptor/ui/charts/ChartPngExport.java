package dev.rankadaptor.ui.charts;

import dev.rankadaptor.ui.exec.UiExecutor;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.image.Image;
import javafx.stage.FileChooser;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Saves charts as PNG files for papers and notes: one chart from its context menu ("Save as PNG…"),
 * or a panel's charts at once into a folder under stable names. The snapshot is taken inside a
 * pulse (see {@link ScreenshotWriter} for why it must not be synchronous); converting, encoding and
 * the atomic write run on the {@link UiExecutor}'s worker, never on the FX thread. The outcome
 * ("wrote FILE" or "export failed: ... FILE ...") lands in {@link #statusProperty()}, which the
 * panel shows. Methods that touch nodes are called on the FX thread.
 */
public final class ChartPngExport {
    /** Print quality: twice the on-screen pixels per axis. */
    public static final double PRINT_SCALE = 2;
    private final UiExecutor executor;
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");

    public ChartPngExport(UiExecutor executor) {
        this.executor = executor;
    }

    /** What the last export did: "writing …", "wrote FILE", or "export failed: REASON" naming the file. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Writes one chart to {@code file} at {@code scale} (1 = screen pixels, 2 = print). */
    public CompletableFuture<Path> export(Node chart, Path file, double scale) {
        status.set("writing " + file.getFileName() + " …");
        CompletableFuture<Path> done = new CompletableFuture<>();
        capture(chart, scale).whenComplete((image, error) -> {
            if (error != null) {
                fail(done, "export failed: cannot render " + file + ": " + message(error), error);
                return;
            }
            executor.submit("save chart " + file, token -> write(image, file), f -> {
                status.set("wrote " + f);
                done.complete(f);
            }, e -> fail(done, "export failed: " + message(e), e));
        });
        return done;
    }

    /**
     * Writes every chart into {@code folder} as NAME.png (the map's keys, in order), all snapshots
     * first (one pulse), then the files one after another on a worker. Stops at the first file that
     * cannot be written and says which.
     */
    public CompletableFuture<List<Path>> exportAll(Map<String, ? extends Node> charts, Path folder, double scale) {
        status.set("writing " + charts.size() + " charts to " + folder + " …");
        Map<Path, CompletableFuture<Image>> shots = new LinkedHashMap<>();
        charts.forEach((name, node) -> shots.put(folder.resolve(fileName(name)), capture(node, scale)));
        CompletableFuture<List<Path>> done = new CompletableFuture<>();
        CompletableFuture.allOf(shots.values().toArray(CompletableFuture[]::new)).whenComplete((v, error) -> {
            if (error != null) {
                fail(done, "export failed: cannot render the charts for " + folder + ": " + message(error), error);
                return;
            }
            executor.submit("save charts to " + folder, token -> {
                List<Path> written = new ArrayList<>();
                for (Map.Entry<Path, CompletableFuture<Image>> e : shots.entrySet()) {
                    token.throwIfCancelled();
                    written.add(write(e.getValue().join(), e.getKey()));
                }
                return written;
            }, files -> {
                status.set("wrote " + files.size() + " charts to " + folder);
                done.complete(files);
            }, e -> fail(done, "export failed: " + message(e), e));
        });
        return done;
    }

    /**
     * Gives {@code chart} a context menu with "Save as PNG…" (screen size) and "Save as PNG (2×,
     * print)…"; the file chooser proposes {@code baseName}.png.
     */
    public void install(Node chart, String baseName) {
        MenuItem save = new MenuItem("Save as PNG…");
        save.setOnAction(e -> chooseAndExport(chart, baseName, 1));
        MenuItem print = new MenuItem("Save as PNG (2×, print)…");
        print.setOnAction(e -> chooseAndExport(chart, baseName, PRINT_SCALE));
        ContextMenu menu = new ContextMenu(save, print);
        chart.setOnContextMenuRequested(e -> {
            menu.show(chart, e.getScreenX(), e.getScreenY());
            e.consume();
        });
        chart.getProperties().put(ContextMenu.class, menu);
    }

    /** The menu {@link #install} attached to a chart, or null (for tests and screenshots). */
    public static ContextMenu menuOf(Node chart) {
        return (ContextMenu) chart.getProperties().get(ContextMenu.class);
    }

    /** File name of a chart: its base name with ".png" unless it already ends so. */
    public static String fileName(String baseName) {
        if (!baseName.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("chart file name '" + baseName + "' must use letters, digits, '.', '_' or '-'");
        }
        return baseName.endsWith(".png") ? baseName : baseName + ".png";
    }

    private void chooseAndExport(Node chart, String baseName, double scale) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save chart as PNG");
        chooser.setInitialFileName(fileName(baseName));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
        File file = chooser.showSaveDialog(chart.getScene() == null ? null : chart.getScene().getWindow());
        if (file != null) {
            export(chart, file.toPath(), scale);
        }
    }

    private static CompletableFuture<Image> capture(Node chart, double scale) {
        try {
            return ScreenshotWriter.snapshot(chart, scale);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Worker side: pixels to AWT, PNG encoding, atomic write; a failure names the file. */
    private static Path write(Image image, Path file) {
        BufferedImage awt = ScreenshotWriter.toBufferedImage(image);
        try {
            return ScreenshotWriter.writePng(awt, file);
        } catch (RuntimeException e) {
            String m = message(e);
            throw new IllegalStateException(m.contains(file.toString()) ? m : "could not write " + file + ": " + m, e);
        }
    }

    private void fail(CompletableFuture<?> done, String text, Throwable error) {
        executor.runOnUiThread(() -> {
            status.set(text);
            done.completeExceptionally(error);
        });
    }

    private static String message(Throwable t) {
        Throwable c = t;
        while ((c instanceof java.util.concurrent.CompletionException || c.getMessage() == null) && c.getCause() != null) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }
}

package dev.rankadaptor.ui.charts;

import dev.rankadaptor.common.AtomicFiles;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.SnapshotResult;
import javafx.scene.image.Image;
import javafx.scene.transform.Transform;
import javafx.util.Callback;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * Writes what a scene or node shows to a PNG: the same code serves "Save as PNG" on the charts
 * (through {@link dev.rankadaptor.ui.charts.ChartPngExport}) and the headless documentation
 * screenshots (works on Monocle with no display).
 *
 * <p>Snapshots are taken asynchronously, inside the next pulse. A synchronous snapshot lays the
 * scene out outside a pulse; ChartFX then takes its data sets' read locks during that layout and
 * releases them only in a pulse's post-layout phase, so the next chart update on the FX thread
 * (queued before that pulse) waits forever for its write lock. Callable from any thread; the
 * image is converted and the file written off the FX thread, atomically.
 */
public final class ScreenshotWriter {
    private ScreenshotWriter() {
    }

    public static CompletableFuture<BufferedImage> capture(Scene scene) {
        CompletableFuture<Image> image = new CompletableFuture<>();
        onFx(() -> scene.snapshot(collect(image), null));
        return image.thenApplyAsync(ScreenshotWriter::toBufferedImage);
    }

    public static CompletableFuture<BufferedImage> capture(Node node) {
        return snapshot(node, 1).thenApplyAsync(ScreenshotWriter::toBufferedImage);
    }

    /**
     * The JavaFX image of a node, rendered inside the next pulse ({@code scale} 2 gives twice the
     * pixels per axis, for print). The future completes on the FX thread with the raw image; callers
     * convert and encode it elsewhere ({@link #toBufferedImage} may run on any thread).
     */
    public static CompletableFuture<Image> snapshot(Node node, double scale) {
        if (!(scale > 0) || scale > 8) {
            throw new IllegalArgumentException("scale must be in (0, 8], was " + scale);
        }
        CompletableFuture<Image> image = new CompletableFuture<>();
        onFx(() -> {
            try {
                SnapshotParameters params = null;
                if (scale != 1) {
                    params = new SnapshotParameters();
                    params.setTransform(Transform.scale(scale, scale));
                }
                node.snapshot(collect(image), params, null);
            } catch (RuntimeException e) {
                image.completeExceptionally(e);
            }
        });
        return image;
    }

    /** AWT copy of a rendered image (reads pixels only; safe off the FX thread once the snapshot is done). */
    public static BufferedImage toBufferedImage(Image image) {
        return SwingFXUtils.fromFXImage(image, null);
    }

    public static CompletableFuture<Path> writePng(Scene scene, Path file) {
        return capture(scene).thenApplyAsync(img -> writePng(img, file));
    }

    public static CompletableFuture<Path> writePng(Node node, Path file) {
        return capture(node).thenApplyAsync(img -> writePng(img, file));
    }

    /** Encodes {@code image} as PNG into {@code file} atomically (temp file, fsync, rename). */
    public static Path writePng(BufferedImage image, Path file) {
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
        return file;
    }

    private static Callback<SnapshotResult, Void> collect(CompletableFuture<Image> image) {
        return result -> {
            image.complete(result.getImage());
            return null;
        };
    }

    private static void onFx(Runnable r) {
        if (Platform.isFxApplicationThread()) {
            r.run();
        } else {
            Platform.runLater(r);
        }
    }
}

package dev.rankadaptor.ui;

import dev.rankadaptor.common.AtomicFiles;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.SnapshotResult;
import javafx.util.Callback;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * Writes what a scene or node shows to a PNG: the same code serves "export chart as PNG" and the
 * headless documentation screenshots (works on Monocle with no display).
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
        CompletableFuture<BufferedImage> image = new CompletableFuture<>();
        onFx(() -> scene.snapshot(collect(image), null));
        return image;
    }

    public static CompletableFuture<BufferedImage> capture(Node node) {
        CompletableFuture<BufferedImage> image = new CompletableFuture<>();
        onFx(() -> node.snapshot(collect(image), null, null));
        return image;
    }

    public static CompletableFuture<Path> writePng(Scene scene, Path file) {
        return capture(scene).thenApplyAsync(img -> writePng(img, file));
    }

    public static CompletableFuture<Path> writePng(Node node, Path file) {
        return capture(node).thenApplyAsync(img -> writePng(img, file));
    }

    public static Path writePng(BufferedImage image, Path file) {
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
        return file;
    }

    private static Callback<SnapshotResult, Void> collect(CompletableFuture<BufferedImage> image) {
        return result -> {
            try {
                image.complete(SwingFXUtils.fromFXImage(result.getImage(), null));
            } catch (RuntimeException e) {
                image.completeExceptionally(e);
            }
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

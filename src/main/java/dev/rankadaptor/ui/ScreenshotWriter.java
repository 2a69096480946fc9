package dev.rankadaptor.ui;

import dev.rankadaptor.common.AtomicFiles;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes what a scene or node currently shows to a PNG: the same code serves the "export chart as
 * PNG" action and the headless documentation screenshots (works on Monocle with no display).
 * Call on the FX thread; the file is written atomically.
 */
public final class ScreenshotWriter {
    private ScreenshotWriter() {
    }

    public static BufferedImage capture(Scene scene) {
        WritableImage img = scene.snapshot(null);
        return SwingFXUtils.fromFXImage(img, null);
    }

    public static BufferedImage capture(Node node) {
        WritableImage img = node.snapshot(null, null);
        return SwingFXUtils.fromFXImage(img, null);
    }

    public static void writePng(BufferedImage image, Path file) {
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
    }

    public static void writePng(Scene scene, Path file) {
        writePng(capture(scene), file);
    }

    public static void writePng(Node node, Path file) {
        writePng(capture(node), file);
    }
}

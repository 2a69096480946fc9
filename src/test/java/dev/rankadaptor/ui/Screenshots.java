package dev.rankadaptor.ui;

import dev.rankadaptor.ui.charts.ScreenshotWriter;
import javafx.scene.Scene;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the screenshot tours share: take a window picture with the app's writer and check it is one. */
final class Screenshots {
    private Screenshots() {
    }

    /** Colours seen on a grid of every {@code step}-th pixel (a blank or one-colour image gives 1). */
    static int distinctColours(BufferedImage img, int step) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += step) {
            for (int x = 0; x < img.getWidth(); x += step) {
                colours.add(img.getRGB(x, y));
            }
        }
        return colours.size();
    }

    /** Lets the scene settle, writes it as PNG and checks the file is a full-width, non-blank picture. */
    static void shootWindow(FxRobot robot, Scene scene, Path file, long settleMillis) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        robot.sleep(settleMillis);
        WaitForAsyncUtils.waitForFxEvents();
        ScreenshotWriter.writePng(scene, file).get(60, TimeUnit.SECONDS);
        BufferedImage img = ImageIO.read(file.toFile());
        assertEquals((int) WorkbenchApp.WIDTH, img.getWidth(), file.toString());
        assertTrue(distinctColours(img, 3) > 20, file + " looks blank");
    }
}

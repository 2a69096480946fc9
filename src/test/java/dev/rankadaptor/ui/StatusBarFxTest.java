package dev.rankadaptor.ui;

import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The wired window's status bar shows real figures: the device, this process's memory, run state and trials. */
class StatusBarFxTest extends WiredWorkbenchFxTest {
    private final FxRobot robot = new FxRobot();

    private String text(String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @Test
    void theStatusBarShowsDeviceMemoryStateAndTrials() throws Exception {
        assertEquals("device: cpu", text("#status-device"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> text("#status-memory").contains("GB used"));
        assertTrue(text("#status-memory").matches("memory: \\d+\\.\\d GB used · \\d+\\.\\d GB available"), text("#status-memory"));
        assertEquals("idle", text("#status-run"));
        robot.interact(() -> wb.vm().run().onTrialCount(4, 16));
        assertEquals("trials 4 / 16", text("#status-trials"));
        robot.interact(() -> wb.vm().run().onProgress(0.25, java.time.Duration.ofSeconds(95)));
        assertTrue(text("#status-eta").startsWith("ETA ") && text("#status-eta").contains("1m"), text("#status-eta"));
        robot.interact(() -> wb.vm().run().onFailed("worker died"));
        assertEquals("failed: worker died", text("#status-run"));
    }
}

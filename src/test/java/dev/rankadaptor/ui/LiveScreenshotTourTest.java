package dev.rankadaptor.ui;

import dev.rankadaptor.ui.charts.ScreenshotWriter;
import dev.rankadaptor.experiment.ProjectFile;
import dev.rankadaptor.experiment.RecoveryMethod;
import dev.rankadaptor.pipeline.TinyProjectFixture;
import dev.rankadaptor.ui.run.RunState;
import dev.rankadaptor.ui.workbench.WorkbenchView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Screenshots of every panel over a real (tiny, random-weight) run of the pipeline, taken by the
 * application's own ScreenshotWriter: the checkpoint and pruning panels of the opened project,
 * the Run panel mid-search (live log and loss curve), then charts, results and trials after the
 * run. The files go to target/screenshots/live (the docs' pictures come from DemoScreenshotTourTest,
 * over the trained demo model, and are never overwritten by this test).
 */
class LiveScreenshotTourTest extends WiredWorkbenchFxTest {
    @TempDir
    Path tmp;

    private void shoot(FxRobot robot, String panel, Path file) throws Exception {
        robot.interact(() -> wb.view().show(panel));
        Screenshots.shootWindow(robot, wb.scene(), file, 400);
    }

    @Test
    void everyPanelOverARealRun(FxRobot robot) throws Exception {
        Path dir = Path.of("target/screenshots/live").toAbsolutePath();
        Files.createDirectories(dir);
        ProjectFile pf = TinyProjectFixture.create(tmp.resolve("tiny-project"), 8, 2,
                List.of(RecoveryMethod.LORA_UNIFORM.id(), RecoveryMethod.LORA_STAR.id(), RecoveryMethod.RANDOM_SEARCH.id()));
        robot.interact(() -> wb.session().load(pf.path()));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> wb.vm().pruning().planProperty().get() != null);
        shoot(robot, WorkbenchView.CHECKPOINT, dir.resolve("checkpoint-live.png"));
        shoot(robot, WorkbenchView.PRUNING, dir.resolve("pruning-live.png"));
        shoot(robot, WorkbenchView.RECOVERY, dir.resolve("recovery-search-live.png"));

        robot.interact(() -> wb.view().show(WorkbenchView.RUN));
        robot.clickOn("#run-start");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> (wb.vm().trials().trials().size() >= 3 && wb.vm().loss().size() > 0) || wb.vm().run().getState().isTerminal());
        assertFalse(wb.vm().run().getState().isTerminal(), "run ended early: " + wb.vm().run().messageProperty().get());
        shoot(robot, WorkbenchView.RUN, dir.resolve("run-mid-search.png"));
        WaitForAsyncUtils.waitFor(240, TimeUnit.SECONDS, () -> wb.vm().run().getState().isTerminal());
        assertEquals(RunState.FINISHED, wb.vm().run().getState(), wb.vm().run().messageProperty().get());
        robot.interact(() -> wb.vm().trials().setSelectedTrial(wb.vm().trials().trials().get(4).getIndex()));
        shoot(robot, WorkbenchView.CHARTS, dir.resolve("charts-live.png"));
        shoot(robot, WorkbenchView.RESULTS, dir.resolve("results-live.png"));
        shoot(robot, WorkbenchView.TRIALS, dir.resolve("trials-live.png"));
    }

}

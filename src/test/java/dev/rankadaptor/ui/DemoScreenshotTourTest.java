package dev.rankadaptor.ui;

import dev.rankadaptor.ui.charts.ScreenshotWriter;
import dev.rankadaptor.pipeline.DemoProject;
import dev.rankadaptor.ui.run.RunState;
import dev.rankadaptor.ui.workbench.WorkbenchView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The screenshots in the README: the workbench over the bundled trained demo model, running the
 * demo project's full pipeline from the Run panel (two local workers, about 5-6 minutes on 2 cores), photographed by
 * the application's own ScreenshotWriter. Not part of the normal suite (it is a documentation
 * job): run with {@code mvn -o test -Dtest=DemoScreenshotTourTest -Dscreenshots.demo=true
 * -Dscreenshots.dir=$PWD/docs/screenshots}. The demo project is copied first, so its own
 * {@code runs/} folder is untouched.
 */
class DemoScreenshotTourTest extends WiredWorkbenchFxTest {
    @TempDir
    Path tmp;

    private void shoot(FxRobot robot, String panel, Path file) throws Exception {
        robot.interact(() -> wb.view().show(panel));
        Screenshots.shootWindow(robot, wb.scene(), file, 600);
    }

    private static void copyProject(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path rel = from.relativize(p);
                if (rel.startsWith("runs")) {
                    continue;
                }
                Path target = to.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    @Test
    void everyPanelOverTheDemoPipeline(FxRobot robot) throws Exception {
        assumeTrue(Boolean.getBoolean("screenshots.demo"), "documentation job: -Dscreenshots.demo=true");
        Path dir = Path.of(System.getProperty("screenshots.dir", "target/screenshots")).toAbsolutePath();
        Files.createDirectories(dir);
        Path demo = DemoProject.find().orElseThrow(() -> new AssertionError("no demo project found"));
        Path copy = tmp.resolve("tiny-llama-demo");
        copyProject(demo.getParent(), copy);
        robot.interact(() -> wb.session().load(copy.resolve(demo.getFileName().toString())));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> wb.vm().pruning().planProperty().get() != null
                && !wb.vm().dataFiles().checks().isEmpty());
        shoot(robot, WorkbenchView.CHECKPOINT, dir.resolve("checkpoint-live.png"));
        shoot(robot, WorkbenchView.PRUNING, dir.resolve("pruning-live.png"));
        shoot(robot, WorkbenchView.RECOVERY, dir.resolve("recovery-search-live.png"));
        javafx.scene.control.ScrollPane recovery = (javafx.scene.control.ScrollPane) wb.view().panel(WorkbenchView.RECOVERY);
        robot.interact(() -> recovery.setVvalue(1.0));
        shoot(robot, WorkbenchView.RECOVERY, dir.resolve("recovery-data-files.png"));

        robot.interact(() -> wb.view().show(WorkbenchView.RUN));
        robot.clickOn("#run-start");
        WaitForAsyncUtils.waitFor(600, TimeUnit.SECONDS, () -> wb.vm().trials().trials().size() >= 4
                || wb.vm().run().getState().isTerminal());
        assertFalse(wb.vm().run().getState().isTerminal(), "run ended early: " + wb.vm().run().messageProperty().get());
        shoot(robot, WorkbenchView.RUN, dir.resolve("run-mid-search.png"));
        WaitForAsyncUtils.waitFor(1800, TimeUnit.SECONDS, () -> wb.vm().run().getState().isTerminal());
        assertEquals(RunState.FINISHED, wb.vm().run().getState(), wb.vm().run().messageProperty().get());
        shoot(robot, WorkbenchView.RUN, dir.resolve("run-finished.png"));
        robot.interact(() -> wb.vm().trials().setSelectedTrial(wb.vm().trials().trials().get(6).getIndex()));
        shoot(robot, WorkbenchView.CHARTS, dir.resolve("charts-live.png"));
        robot.interact(() -> wb.vm().charts().paperChoiceProperty().set("20%"));
        shoot(robot, WorkbenchView.CHARTS, dir.resolve("charts-with-paper-table10.png"));
        robot.interact(() -> wb.vm().charts().paperChoiceProperty().set("none"));
        shoot(robot, WorkbenchView.RESULTS, dir.resolve("results-live.png"));
        shoot(robot, WorkbenchView.TRIALS, dir.resolve("trials-live.png"));
        // the dark variant (the theme switch in the project bar applies exactly this)
        robot.interact(() -> dev.rankadaptor.ui.workbench.WorkbenchTheme.DARK.apply(wb.scene()));
        shoot(robot, WorkbenchView.CHARTS, dir.resolve("charts-live-dark.png"));
        shoot(robot, WorkbenchView.RESULTS, dir.resolve("results-live-dark.png"));
        robot.interact(() -> dev.rankadaptor.ui.workbench.WorkbenchTheme.LIGHT.apply(wb.scene()));
    }

}

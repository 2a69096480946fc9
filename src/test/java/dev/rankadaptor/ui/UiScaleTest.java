package dev.rankadaptor.ui;

import dev.rankadaptor.ui.charts.ScreenshotWriter;
import dev.rankadaptor.ui.bench.UiScaleBench;
import dev.rankadaptor.ui.trials.TrialRow;
import dev.rankadaptor.ui.workbench.WorkbenchView;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** 80 layers x 2000 generated trials: the heatmap and the trials table render and scroll (no timing asserted). */
class UiScaleTest extends BareWorkbenchFxTest {
    private static final int LAYERS = 80;
    private static final int TRIALS = 2000;

    @Test
    void heatmapAndTrialsTableHandle2000TrialsOf80Layers(FxRobot robot) throws Exception {
        List<TrialRow> trials = UiScaleBench.syntheticTrials(LAYERS, TRIALS, 11);
        robot.interact(() -> view.show(WorkbenchView.CHARTS));
        // arrive in batches like a live run would, each batch coalesced into one chart update
        for (int from = 0; from < TRIALS; from += 250) {
            List<TrialRow> batch = trials.subList(from, Math.min(TRIALS, from + 250));
            robot.interact(() -> vm.trials().trials().addAll(batch));
        }
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(LAYERS * TRIALS, view.charts().trialHeatmap().cellCount());
        assertEquals(TRIALS, view.charts().trialHeatmap().data().nx());
        assertEquals(trials.get(1999).rank(79), view.charts().trialHeatmap().data().z(1999, 79));
        ScreenshotWriter.capture(scene).get(60, java.util.concurrent.TimeUnit.SECONDS); // full render of the heatmap and charts

        robot.interact(() -> view.show(WorkbenchView.TRIALS));
        TableView<?> table = robot.lookup("#trials-table").queryAs(TableView.class);
        assertEquals(TRIALS, table.getItems().size());
        robot.interact(() -> table.scrollTo(TRIALS - 1));
        robot.interact(() -> vm.trials().setSelectedTrial(1500));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1500, ((TrialRow) table.getSelectionModel().getSelectedItem()).getIndex());
        ScreenshotWriter.capture(scene).get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertTrue(robot.lookup("#trials-table .table-row-cell").queryAll().size() < 100, "rows are virtualised");
    }
}

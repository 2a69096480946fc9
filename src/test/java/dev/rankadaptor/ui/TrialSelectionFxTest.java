package dev.rankadaptor.ui;

import dev.rankadaptor.ui.bench.UiScaleBench;
import dev.rankadaptor.ui.charts.ConvergenceChart;
import dev.rankadaptor.ui.trials.ParallelCoordinatesView;
import dev.rankadaptor.ui.trials.TrialRow;
import dev.rankadaptor.ui.workbench.WorkbenchView;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A click on a parallel-coordinates line or on a convergence point selects that trial and opens its detail. */
class TrialSelectionFxTest extends BareWorkbenchFxTest {
    private final FxRobot robot = new FxRobot();

    @Test
    void aLineOrAPointClickSelectsTheTrialAndOpensItsDetail() {
        List<TrialRow> trials = UiScaleBench.syntheticTrials(6, 12, 7);
        robot.interact(() -> {
            vm.trials().trials().setAll(trials);
            view.show(WorkbenchView.TRIALS);
        });
        WaitForAsyncUtils.waitForFxEvents();
        ParallelCoordinatesView pc = view.trials().coordinates();
        TrialRow target = trials.get(5);
        double x = pc.axisX(2) * 0.5 + pc.axisX(3) * 0.5;
        double y = (pc.rankY(target.rank(2)) + pc.rankY(target.rank(3))) / 2;
        int expected = pc.trialAt(x, y);
        assertTrue(expected >= 0, "a line passes there");
        robot.clickOn(pc.localToScreen(x, y));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(expected, vm.trials().getSelectedTrial());
        assertTrue(robot.lookup("#trial-detail").query().isVisible());
        assertEquals("Trial " + expected, robot.lookup("#detail-title").queryAs(Label.class).getText());

        robot.clickOn("#detail-close");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(!robot.lookup("#trial-detail").query().isVisible());

        robot.interact(() -> view.show(WorkbenchView.CHARTS));
        WaitForAsyncUtils.waitForFxEvents();
        ConvergenceChart conv = view.charts().convergence();
        int pos = 3;
        double best = ConvergenceChart.bestSoFar(trials.stream().mapToDouble(TrialRow::getMeasured).toArray())[pos];
        var chart = conv.chart();
        Point2D p = chart.getCanvas().localToScreen(chart.getXAxis().getDisplayPosition(pos), chart.getYAxis().getDisplayPosition(best));
        robot.clickOn(p);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(trials.get(pos).getIndex(), vm.trials().getSelectedTrial());
        assertTrue(robot.lookup("#trial-detail").query().isVisible(), "the selection opened the detail again");
    }
}

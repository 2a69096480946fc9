package dev.rankadaptor.ui;

import dev.rankadaptor.ui.bench.UiScaleBench;
import dev.rankadaptor.ui.trials.ParallelCoordinatesView;
import dev.rankadaptor.ui.trials.RankBrushes;
import dev.rankadaptor.ui.trials.TrialRow;
import dev.rankadaptor.ui.trials.TrialsTableModel;
import dev.rankadaptor.ui.workbench.WorkbenchView;
import javafx.geometry.Point2D;
import javafx.scene.input.MouseButton;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Parallel coordinates over the ranks: brushing an axis with the mouse filters the trials table. */
class ParallelCoordinatesFxTest extends BareWorkbenchFxTest {

    @Test
    void brushesFilterTheTableTogetherWithTheTextFilter() {
        TrialsTableModel m = new TrialsTableModel();
        m.trials().setAll(UiScaleBench.syntheticTrials(6, 60, 11));
        m.brushes().brush(2, 9, 12);
        assertFalse(m.sortedTrials().isEmpty());
        assertTrue(m.sortedTrials().size() < 60);
        for (TrialRow t : m.sortedTrials()) {
            assertTrue(t.rank(2) >= 10, "rank " + t.rank(2));
        }
        long expected = m.trials().stream().filter(t -> t.rank(2) >= 9 && t.rank(4) <= 4).count();
        m.brushes().brush(4, 4, 0); // given upside down: still the interval 0..4
        assertEquals(expected, m.sortedTrials().size());
        m.setFilter(m.getFilter().withPhase("initial"));
        assertEquals(m.trials().stream().filter(t -> t.rank(2) >= 9 && t.rank(4) <= 4 && t.getPhase().equals("initial")).count(),
                m.sortedTrials().size());
        m.brushes().clearAll();
        assertEquals(m.trials().stream().filter(t -> t.getPhase().equals("initial")).count(), m.sortedTrials().size());
        assertEquals(new RankBrushes.Interval(2, 5), new RankBrushes.Interval(5, 2));
    }

    @Test
    void draggingAlongAnAxisBrushesItAndFiltersTheTable(FxRobot robot) {
        List<TrialRow> trials = UiScaleBench.syntheticTrials(8, 120, 5);
        robot.interact(() -> {
            vm.trials().trials().setAll(trials);
            view.show(WorkbenchView.TRIALS);
        });
        WaitForAsyncUtils.waitForFxEvents();
        ParallelCoordinatesView pc = view.trials().coordinates();
        assertEquals(8, pc.layerCount());
        Point2D from = pc.localToScreen(pc.axisX(3), pc.rankY(12.5));
        Point2D to = pc.localToScreen(pc.axisX(3), pc.rankY(9));
        robot.moveTo(from).press(MouseButton.PRIMARY).moveTo(to).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();

        long expected = trials.stream().filter(t -> t.rank(3) >= 10).count();
        assertEquals(1, vm.trials().brushes().intervals().size(), vm.trials().brushes().intervals().toString());
        assertEquals(expected, view.trials().table().getItems().size());
        for (TrialRow t : view.trials().table().getItems()) {
            assertTrue(t.rank(3) >= 10, "filtered row has rank " + t.rank(3) + " at layer 3");
        }
        // a click on the axis clears its brush; the table shows every trial again
        robot.clickOn(pc.localToScreen(pc.axisX(3), pc.rankY(6)));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(vm.trials().brushes().intervals().isEmpty());
        assertEquals(120, view.trials().table().getItems().size());
    }
}

package dev.rankadaptor.ui;

import dev.rankadaptor.ui.bench.UiScaleBench;
import dev.rankadaptor.ui.exec.FxUiExecutor;
import dev.rankadaptor.ui.results.ResultsRow;
import dev.rankadaptor.ui.trials.TrialRow;
import dev.rankadaptor.ui.workbench.WorkbenchView;
import dev.rankadaptor.ui.workbench.WorkbenchViewModel;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** Headless (Monocle) robot test of the workbench window over the bundled paper-reference data. */
@ExtendWith(ApplicationExtension.class)
class WorkbenchFxTest {
    private WorkbenchViewModel vm;
    private WorkbenchView view;
    private FxUiExecutor executor;
    private final List<String> controllerCalls = new ArrayList<>();

    @Start
    void start(Stage stage) {
        executor = new FxUiExecutor(1);
        vm = WorkbenchApp.createViewModel(executor, new RecordingRunController(controllerCalls));
        Scene scene = WorkbenchApp.createScene(vm);
        view = (WorkbenchView) scene.getUserData();
        view.show(WorkbenchView.RESULTS);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void close() {
        executor.close();
    }

    @SuppressWarnings("unchecked")
    private static String cellText(FxRobot robot, String rowLabel, String column) {
        Set<TableCell<?, ?>> cells = robot.lookup("#results-table .table-cell").queryAllAs((Class<TableCell<?, ?>>) (Class<?>) TableCell.class);
        for (TableCell<?, ?> c : cells) {
            Object item = c.getTableRow() == null ? null : c.getTableRow().getItem();
            if (item instanceof ResultsRow r && r.label().equals(rowLabel) && c.getTableColumn().getText().equals(column)) {
                return c.getText();
            }
        }
        return null;
    }

    @Test
    void resultsTableShowsThePapersRowsWithTheBestMarked(FxRobot robot) {
        TableView<?> table = robot.lookup("#results-table").queryAs(TableView.class);
        assertEquals(3, table.getItems().size());
        // Table 2, LLM-Pruner 20%: RankAdaptor has the best Avg 60.38, LoRA's BoolQ 63.30 is not best
        assertEquals("60.38 ▲", cellText(robot, "paper T2 RankAdaptor", "Avg"));
        assertEquals("63.30", cellText(robot, "paper T2 LoRA", "BoolQ"));

        robot.clickOn("#show-paper");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(robot.lookup("#show-paper").queryAs(CheckBox.class).isSelected());
        assertEquals(0, table.getItems().size());
        robot.clickOn("#show-paper");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(3, table.getItems().size());
    }

    @Test
    void table10HeatmapHasTheDrawableRows() {
        // 28 printed rows, the 31-entry row is not drawable: 27 rows x 32 layers
        assertEquals(27 * 32, view.results().table10Heatmap().cellCount());
        assertEquals(4, view.results().table10Heatmap().data().z(4, 0), 0.0); // 20% BoolQ, layer 5 -> rank 4
    }

    @Test
    void trialsFillTheHeatmapScatterAndTableAndSelectionIsLinked(FxRobot robot) {
        List<TrialRow> trials = UiScaleBench.syntheticTrials(12, 30, 1);
        // a single trial first: ChartFX cannot draw a 1-column grid, the heatmap must wait for the second
        robot.interact(() -> vm.trials().trials().add(trials.get(0)));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, view.charts().trialHeatmap().cellCount());
        robot.interact(() -> vm.trials().trials().addAll(trials.subList(1, 30)));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(12 * 30, view.charts().trialHeatmap().cellCount());
        assertEquals(22, view.charts().scatter().pointCount()); // 8 initial trials have no prediction
        robot.interact(() -> view.show(WorkbenchView.TRIALS));
        TableView<?> table = robot.lookup("#trials-table").queryAs(TableView.class);
        assertEquals(30, table.getItems().size());
        robot.interact(() -> vm.trials().setSelectedTrial(17));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(17, ((TrialRow) table.getSelectionModel().getSelectedItem()).getIndex());
    }

    @Test
    void clickingAHeatmapColumnSelectsThatTrialInTheTable(FxRobot robot) {
        List<TrialRow> trials = UiScaleBench.syntheticTrials(10, 20, 2);
        robot.interact(() -> {
            vm.trials().trials().addAll(trials);
            view.show(WorkbenchView.CHARTS);
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.sleep(200);
        javafx.geometry.Point2D cell = view.charts().trialHeatmap().cellCenterOnScreen(13, 4);
        robot.clickOn(cell);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(13, vm.trials().getSelectedTrial());
        robot.interact(() -> view.show(WorkbenchView.TRIALS));
        TableView<?> table = robot.lookup("#trials-table").queryAs(TableView.class);
        assertEquals(13, ((TrialRow) table.getSelectionModel().getSelectedItem()).getIndex());
    }

    @Test
    void runButtonsFollowTheStateMachine(FxRobot robot) {
        robot.interact(() -> view.show(WorkbenchView.RUN));
        robot.clickOn("#run-start");
        assertEquals(List.of("start"), controllerCalls);
        assertTrue(robot.lookup("#run-start").query().isDisabled());
        assertFalse(robot.lookup("#run-pause").query().isDisabled());
        robot.clickOn("#run-pause");
        assertEquals("pause", controllerCalls.get(1));
        assertTrue(robot.lookup("#run-resume").query().isDisabled()); // not yet paused: trial still running
        robot.interact(() -> vm.run().onPaused());
        assertFalse(robot.lookup("#run-resume").query().isDisabled());
    }

}

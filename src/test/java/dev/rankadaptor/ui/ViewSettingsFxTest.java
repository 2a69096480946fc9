package dev.rankadaptor.ui;

import dev.rankadaptor.experiment.WorkbenchSettings;
import dev.rankadaptor.ui.bench.UiScaleBench;
import dev.rankadaptor.ui.exec.FxUiExecutor;
import dev.rankadaptor.ui.run.RunController;
import dev.rankadaptor.ui.trials.TrialRow;
import dev.rankadaptor.ui.workbench.ViewStateKeeper;
import dev.rankadaptor.ui.workbench.WorkbenchView;
import dev.rankadaptor.ui.workbench.WorkbenchViewModel;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The view settings survive a restart: chosen panel, trials-table column order and sort, the loss
 * chart's log axis and the convergence chart's shown series are changed with the mouse, saved to
 * settings.json, and a new window (new view model, view and keeper over the same settings folder)
 * opens with them.
 */
class ViewSettingsFxTest extends BareWorkbenchFxTest {
    private final FxRobot robot = new FxRobot();
    @TempDir
    Path config;

    private static List<String> columns(WorkbenchView v) {
        return v.trials().table().getColumns().stream().map(TableColumn::getText).toList();
    }

    @Test
    void changedViewSettingsAreBackAfterARestart() throws Exception {
        Path file = config.resolve(WorkbenchSettings.FILE_NAME);
        WorkbenchSettings settings = new WorkbenchSettings(file);
        settings.put("theme", "dark"); // another holder's key stays
        settings.reload();
        ViewStateKeeper keeper = WiredFx.onFx(() -> new ViewStateKeeper(view, settings, executor, Duration.ofMillis(150)));
        List<TrialRow> trials = UiScaleBench.syntheticTrials(6, 20, 3);
        robot.interact(() -> vm.trials().trials().setAll(trials));

        robot.clickOn("#tab-charts");
        robot.clickOn("#convergence-show-predicted");
        robot.clickOn("#tab-run");
        robot.clickOn("#loss-log-axis");
        robot.clickOn("#tab-trials");
        WaitForAsyncUtils.waitForFxEvents();
        TableView<TrialRow> table = view.trials().table();
        robot.interact(() -> {
            // drag-reordering a header ends in this list change; the sort is two header clicks below
            TableColumn<TrialRow, ?> measured = table.getColumns().get(3);
            table.getColumns().remove(measured);
            table.getColumns().add(0, measured);
        });
        robot.clickOn(robot.lookup("#trials-table .column-header").nth(0).queryAs(javafx.scene.Node.class));
        robot.clickOn(robot.lookup("#trials-table .column-header").nth(0).queryAs(javafx.scene.Node.class));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("measured", table.getSortOrder().get(0).getText());
        assertEquals(TableColumn.SortType.DESCENDING, table.getSortOrder().get(0).getSortType());
        List<String> order = columns(view);
        assertEquals("measured", order.get(0));

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Files.readString(file).contains("DESCENDING"));
        String saved = Files.readString(file);
        assertTrue(saved.contains("\"theme\" : \"dark\""), saved);
        assertTrue(saved.contains("\"view.panel\" : \"Trials\""), saved);
        assertTrue(saved.contains("\"view.loss.log_axis\" : \"true\""), saved);
        assertTrue(saved.contains("\"view.convergence.series\" : \"best,baselines\""), saved);

        // restart: a new view model, view and keeper reading the same settings folder
        FxUiExecutor second = new FxUiExecutor(1);
        try {
            WorkbenchView restarted = WiredFx.onFx(() -> {
                WorkbenchViewModel vm2 = WorkbenchApp.createViewModel(second, RunController.inert());
                Scene s2 = WorkbenchApp.createScene(vm2);
                WorkbenchView v2 = (WorkbenchView) s2.getUserData();
                WorkbenchSettings again = new WorkbenchSettings(file);
                again.reload();
                new ViewStateKeeper(v2, again, second, Duration.ofMillis(150));
                ((Stage) scene.getWindow()).setScene(s2);
                vm2.trials().trials().setAll(trials);
                return v2;
            });
            WaitForAsyncUtils.waitForFxEvents();
            assertEquals(WorkbenchView.TRIALS, restarted.shownPanel());
            assertEquals(order, columns(restarted));
            TableView<TrialRow> t2 = restarted.trials().table();
            assertEquals(1, t2.getSortOrder().size());
            assertEquals("measured", t2.getSortOrder().get(0).getText());
            assertEquals(TableColumn.SortType.DESCENDING, t2.getSortOrder().get(0).getSortType());
            double first = t2.getItems().get(0).getMeasured();
            for (TrialRow r : t2.getItems()) {
                assertTrue(Double.isNaN(r.getMeasured()) || r.getMeasured() <= first, "sorted by measured, descending");
            }
            assertTrue(restarted.lossChart().logAxisProperty().get());
            assertTrue(restarted.lossChart().isLogAxis(), "the loss axis is logarithmic");
            assertTrue(restarted.charts().convergence().showBestProperty().get());
            assertFalse(restarted.charts().convergence().showPredictedProperty().get());
            assertTrue(restarted.charts().convergence().showBaselinesProperty().get());
            robot.interact(() -> restarted.show(WorkbenchView.CHARTS));
            assertFalse(robot.lookup("#convergence-show-predicted").queryAs(CheckBox.class).isSelected());
            assertEquals(1, restarted.charts().convergence().shownSeriesCount(), "predicted is not drawn");
        } finally {
            second.close();
        }
        keeper.flush();
    }
}

package dev.rankadaptor.ui;

import dev.rankadaptor.ui.drilldown.TrialDetailView;
import dev.rankadaptor.ui.exec.FxUiExecutor;
import dev.rankadaptor.ui.trials.TrialRow;
import dev.rankadaptor.ui.workbench.WorkbenchView;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The wired window over a real run folder: a click on a trials-table row opens the trial's detail
 * with the fields read from the journal and the trial's files; a note and a tag saved there are back
 * in a new window (a fresh view model and session) and the notes search finds the trial by its tag.
 */
class TrialDetailFxTest extends WiredWorkbenchFxTest {
    private final FxRobot robot = new FxRobot();
    @TempDir
    Path dir;

    private String text(String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    private void clickRowOf(int index) {
        TableRow<?> row = robot.lookup("#trials-table .table-row-cell").queryAll().stream()
                .map(n -> (TableRow<?>) n)
                .filter(r -> r.getItem() instanceof TrialRow t && t.getIndex() == index)
                .findFirst().orElseThrow(() -> new AssertionError("no row for trial " + index));
        robot.clickOn(row);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void openRun(WorkbenchApp.Wired w, Path run) throws Exception {
        robot.interact(() -> {
            w.session().openRun(run);
            w.view().show(WorkbenchView.TRIALS);
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> w.view().trials().table().getItems().size() == 3);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aRowClickOpensTheDetailAndNotesComeBackInANewWindow() throws Exception {
        Path run = DrillDownRun.create(dir);
        openRun(wb, run);
        assertTrue(!robot.lookup("#trial-detail").query().isVisible(), "no detail before a selection");
        clickRowOf(1);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> text("#detail-seed").equals("seed 1234"));
        assertTrue(robot.lookup("#trial-detail").query().isVisible());
        assertEquals("Trial 1 · rankadaptor", text("#detail-title"));
        assertEquals("phase search · finished", text("#detail-phase"));
        assertEquals("predicted 0.6100 → measured 0.6345 (|error| 0.0245)", text("#detail-scores"));
        assertEquals("loss over 5 steps: first 2.5000, min 1.6500, last 1.6500", text("#detail-loss"));
        assertTrue(text("#detail-duration").contains("training 3.5 s"), text("#detail-duration"));
        assertTrue(text("#detail-attempts").startsWith("attempt 1: local on cuda:0"), text("#detail-attempts"));
        assertTrue(robot.lookup("#detail-log").queryAs(TextArea.class).getText().endsWith("worker line 60"));
        assertEquals(2, robot.lookup("#detail-tasks").queryListView().getItems().size());
        TrialDetailView detail = robot.lookup("#trial-detail").queryAs(TrialDetailView.class);
        assertEquals(4, detail.rankBarCount());
        assertEquals(5, detail.lossPointCount());

        robot.interact(() -> {
            robot.lookup("#detail-note").queryAs(TextArea.class).setText("best so far, check PIQA");
            robot.lookup("#detail-tags").queryAs(TextField.class).setText("baseline, keep");
            robot.lookup("#detail-save-note").queryButton().fire();
        });
        Path notes = run.resolve("notes.json");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Files.isRegularFile(notes)
                && Files.readString(notes).contains("\"baseline\""));

        // "restart": a new window with its own view model, session and executor opens the same run
        FxUiExecutor second = new FxUiExecutor(2);
        try {
            WorkbenchApp.Wired w2 = WiredFx.onFx(() -> WorkbenchApp.wire(second));
            robot.interact(() -> ((Stage) wb.scene().getWindow()).setScene(w2.scene()));
            openRun(w2, run);
            clickRowOf(1);
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                    () -> robot.lookup("#detail-tags").queryAs(TextField.class).getText().equals("baseline, keep"));
            assertEquals("best so far, check PIQA", robot.lookup("#detail-note").queryAs(TextArea.class).getText());
            robot.clickOn("#trials-notes-search").write("tag:baseline");
            robot.clickOn("#trials-apply-filter");
            WaitForAsyncUtils.waitForFxEvents();
            assertEquals(1, w2.view().trials().table().getItems().size());
            assertEquals(1, w2.view().trials().table().getItems().get(0).getIndex());
            w2.controller().cancel();
        } finally {
            second.close();
        }
    }
}

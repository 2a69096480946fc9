package dev.rankadaptor.ui;

import dev.rankadaptor.pipeline.DataFileCheck;
import dev.rankadaptor.ui.workbench.WorkbenchView;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** Headless robot test of the new panel parts over the wired workbench: data files, recent projects, Table 10 picker, paper reference. */
class PanelsFxTest extends WiredWorkbenchFxTest {

    @Test
    @SuppressWarnings("unchecked")
    void openingTheDemoFillsTheDataSectionChecksItsFilesAndRemembersIt(FxRobot robot) throws Exception {
        Path demo = Path.of("sample-projects/tiny-llama-demo/project.json").toAbsolutePath();
        robot.interact(() -> wb.session().load(demo));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> wb.session().state().projectProperty().get() != null);
        robot.interact(() -> wb.view().show(WorkbenchView.RECOVERY));
        assertEquals("data/recovery_alpaca.json", robot.lookup("#data-file").queryAs(TextField.class).getText());
        assertTrue(robot.lookup("#task-piqa").queryAs(CheckBox.class).isSelected());
        TableView<DataFileCheck> files = robot.lookup("#data-files").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> files.getItems().size() == 9
                && files.getItems().stream().allMatch(DataFileCheck::ok));
        assertEquals(2000, files.getItems().get(0).count());

        // the Recovery & Search form is taller than the window: scroll the task boxes into view first
        robot.interact(() -> scrollIntoView(robot.lookup("#task-piqa").query()));
        robot.clickOn("#task-piqa");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> files.getItems().size() == 8);
        assertFalse(wb.vm().recovery().data().tasks().contains("piqa"));

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !wb.session().recent().projects().isEmpty()
                && wb.session().recent().projects().get(0).path().equals(demo.normalize()));
        MenuButton recent = robot.lookup("#project-recent").queryAs(MenuButton.class);
        assertTrue(recent.getItems().get(0).getText().contains("tiny-llama-demo/project.json"), recent.getItems().get(0).getText());

        // the Pruning panel's pre-flight: the demo's settings, marked when a stage is over the memory limit
        robot.interact(() -> wb.view().show(WorkbenchView.PRUNING));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#pruning-preflight-train").tryQuery().isPresent()
                && robot.lookup("#pruning-preflight-train").queryAs(Label.class).getText().contains("micro-batch 8 x 192"));
        Label train = robot.lookup("#pruning-preflight-train").queryAs(Label.class);
        assertFalse(train.getStyleClass().contains("ra-warning"), train.getText());
        System.setProperty(dev.rankadaptor.compute.MemoryBudget.PROPERTY, "1m");
        try {
            robot.interact(() -> wb.vm().preflight().update());
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#pruning-preflight-train").queryAs(Label.class)
                    .getStyleClass().contains("ra-warning"));
            Label marked = robot.lookup("#pruning-preflight-train").queryAs(Label.class);
            assertTrue(marked.getText().contains("DOES NOT FIT"), marked.getText());
        } finally {
            System.clearProperty(dev.rankadaptor.compute.MemoryBudget.PROPERTY);
        }
    }

    @Test
    void paperReferenceOpensFromTheProjectBarAndTable10CanBePicked(FxRobot robot) throws Exception {
        robot.interact(() -> robot.lookup("#project-path").queryAs(TextField.class).setText("sample-projects/paper-reference"));
        robot.clickOn("#project-open");
        Label status = robot.lookup("#project-status").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> status.getText().contains("nothing is computed"));
        robot.interact(() -> wb.view().show(WorkbenchView.CHARTS));
        ComboBox<?> pick = robot.lookup("#paper-table10-choice").queryAs(ComboBox.class);
        assertEquals("all rates", pick.getValue());
        robot.interact(() -> wb.vm().charts().paperChoiceProperty().set("30%"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("30%", pick.getValue());
        assertEquals(7, wb.view().charts().configurations().data().ny());
        assertEquals(32, wb.view().charts().configurations().data().nx());
        assertTrue(robot.lookup("#configurations-note").queryAs(Label.class).getText().contains("LLaMA-7B, 32 layers"));
    }

    /** Scrolls the enclosing ScrollPane so that {@code node} is in its viewport, as a user would. */
    static void scrollIntoView(javafx.scene.Node node) {
        javafx.scene.Node p = node.getParent();
        while (p != null && !(p instanceof javafx.scene.control.ScrollPane)) {
            p = p.getParent();
        }
        if (p instanceof javafx.scene.control.ScrollPane sp) {
            javafx.scene.Node content = sp.getContent();
            double y = content.sceneToLocal(node.localToScene(node.getBoundsInLocal())).getMinY();
            double room = content.getBoundsInLocal().getHeight() - sp.getViewportBounds().getHeight();
            sp.setVvalue(room <= 0 ? 0 : Math.min(1, Math.max(0, (y - 20) / room)));
            sp.layout();
        }
    }
}

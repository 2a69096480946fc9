package dev.rankadaptor.ui;

import dev.rankadaptor.experiment.RunDirectory;
import dev.rankadaptor.pipeline.AdapterExport;
import dev.rankadaptor.ui.results.AdapterExportViewModel;
import dev.rankadaptor.ui.workbench.WorkbenchView;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The Results panel's "Export adapter (PEFT)…": disabled with the reason while no run with adapters is open;
 * its form picker (adapter for the pruned model / padded HF pair) sets what the export writes.
 */
class ResultsAdapterButtonFxTest extends BareWorkbenchFxTest {
    @TempDir
    Path dir;

    @Test
    void buttonIsDisabledWithAReasonUntilARunWithAdaptersIsOpen(FxRobot robot) throws Exception {
        robot.interact(() -> view.show(WorkbenchView.RESULTS));
        Button export = robot.lookup("#adapter-export").queryAs(Button.class);
        assertTrue(export.isDisabled());
        assertEquals(AdapterExportViewModel.NO_RUN, export.getTooltip().getText());

        Path run = dir.resolve("run-1");
        Files.createDirectories(run.resolve(RunDirectory.ADAPTERS).resolve("lora_uniform"));
        Files.createDirectories(run.resolve(RunDirectory.ADAPTERS).resolve("rankadaptor"));
        robot.interact(() -> vm.results().adapters().setRun(run, null, executor));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !export.isDisabled());
        @SuppressWarnings("unchecked")
        ComboBox<AdapterExport.Candidate> method = robot.lookup("#adapter-method").queryAs(ComboBox.class);
        assertEquals(2, method.getItems().size());
        assertEquals("lora_uniform", method.getValue().method()); // no scores: by name
        assertTrue(export.getTooltip().getText().startsWith("Write the chosen method's PEFT adapter"));
        // the form picker offers the adapter as trained and the padded HF pair, and drives the view model
        @SuppressWarnings("unchecked")
        ComboBox<AdapterExport.Form> form = robot.lookup("#adapter-form").queryAs(ComboBox.class);
        assertFalse(form.isDisabled());
        assertEquals(java.util.List.of(AdapterExport.Form.PRUNED_ADAPTER, AdapterExport.Form.HF_PAIR), form.getItems());
        assertEquals(AdapterExport.Form.PRUNED_ADAPTER, form.getValue());
        robot.interact(() -> form.setValue(AdapterExport.Form.HF_PAIR));
        assertEquals(AdapterExport.Form.HF_PAIR, vm.results().adapters().formProperty().get());

        Path bare = dir.resolve("run-2");
        Files.createDirectories(bare);
        robot.interact(() -> vm.results().adapters().setRun(bare, null, executor));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> export.getTooltip().getText().contains("no adapters"));
        assertTrue(export.isDisabled());
        assertTrue(form.isDisabled());
    }
}

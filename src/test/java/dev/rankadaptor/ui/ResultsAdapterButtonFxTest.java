package dev.rankadaptor.ui;

import dev.rankadaptor.experiment.RunDirectory;
import dev.rankadaptor.ui.backend.AdapterExport;
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

/** The Results panel's "Export adapter (PEFT)…": disabled with the reason while no run with adapters is open. */
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
        assertTrue(export.getTooltip().getText().startsWith("Copy the chosen method's PEFT adapter"));

        Path bare = dir.resolve("run-2");
        Files.createDirectories(bare);
        robot.interact(() -> vm.results().adapters().setRun(bare, null, executor));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> export.getTooltip().getText().contains("no adapters"));
        assertTrue(export.isDisabled());
    }
}

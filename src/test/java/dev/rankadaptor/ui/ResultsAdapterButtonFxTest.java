package dev.rankadaptor.ui;

import dev.rankadaptor.experiment.RunDirectory;
import dev.rankadaptor.ui.backend.AdapterExport;
import dev.rankadaptor.ui.exec.FxUiExecutor;
import dev.rankadaptor.ui.results.AdapterExportViewModel;
import dev.rankadaptor.ui.run.RunController;
import dev.rankadaptor.ui.workbench.WorkbenchView;
import dev.rankadaptor.ui.workbench.WorkbenchViewModel;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** The Results panel's "Export adapter (PEFT)…": disabled with the reason while no run with adapters is open. */
@ExtendWith(ApplicationExtension.class)
class ResultsAdapterButtonFxTest {
    private WorkbenchViewModel vm;
    private FxUiExecutor executor;

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        executor = new FxUiExecutor(1);
        vm = WorkbenchApp.createViewModel(executor, RunController.inert());
        Scene scene = WorkbenchApp.createScene(vm);
        ((WorkbenchView) scene.getUserData()).show(WorkbenchView.RESULTS);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void close() {
        executor.close();
    }

    @Test
    void buttonIsDisabledWithAReasonUntilARunWithAdaptersIsOpen(FxRobot robot) throws Exception {
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

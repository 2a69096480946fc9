package dev.rankadaptor.ui;

import dev.rankadaptor.compute.MemoryReading;
import dev.rankadaptor.ui.exec.SameThreadUiExecutor;
import dev.rankadaptor.ui.run.RunController;
import dev.rankadaptor.ui.run.RunControlsViewModel;
import dev.rankadaptor.ui.workbench.StatusBarModel;
import javafx.beans.property.SimpleStringProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The status bar's figures follow the run, the device setting and the memory readings (no Stage). */
class StatusBarModelTest {

    @Test
    void figuresFollowTheRunTheDeviceAndTheMemory() {
        RunControlsViewModel run = new RunControlsViewModel(RunController.inert());
        SimpleStringProperty device = new SimpleStringProperty("cpu");
        List<String> resolved = new ArrayList<>();
        MemoryReading[] reading = {new MemoryReading(1_500_000_000L, 2_000_000_000L, 20_300_000_000L, 24_000_000_000L)};
        StatusBarModel m = new StatusBarModel(new SameThreadUiExecutor(), run, device, () -> reading[0], s -> {
            resolved.add(s);
            return "cpu (" + s + " not available)";
        });
        assertEquals("device: cpu", m.deviceProperty().get());
        assertTrue(resolved.isEmpty(), "cpu needs no engine");
        assertEquals("idle", m.runProperty().get());
        assertEquals("trials 0", m.trialsProperty().get());

        m.refreshMemory();
        assertEquals("memory: 1.5 GB used · 20.3 GB available", m.memoryProperty().get());
        reading[0] = new MemoryReading(3_000_000_000L, 3_000_000_000L, 18_000_000_000L, 24_000_000_000L);
        m.refreshMemory();
        assertEquals("memory: 3.0 GB used · 18.0 GB available", m.memoryProperty().get());

        device.set("cuda:1");
        assertEquals(List.of("cuda:1"), resolved);
        assertEquals("device: cpu (cuda:1 not available)", m.deviceProperty().get());

        run.start(false);
        assertEquals("running", m.runProperty().get());
        run.onTrialCount(3, 12);
        assertEquals("trials 3 / 12", m.trialsProperty().get());
        run.onProgress(0.25, Duration.ofSeconds(95));
        assertTrue(m.etaProperty().get().startsWith("ETA "), m.etaProperty().get());
        assertTrue(m.etaProperty().get().contains("1m"), m.etaProperty().get());
        run.onFailed("out of memory in trial 4");
        assertEquals("failed: out of memory in trial 4", m.runProperty().get());
    }

    @Test
    void aDeviceThatCannotBeResolvedSaysWhy() {
        RunControlsViewModel run = new RunControlsViewModel(RunController.inert());
        StatusBarModel m = new StatusBarModel(new SameThreadUiExecutor(), run, new SimpleStringProperty("cuda"),
                () -> new MemoryReading(-1, -1, -1, -1), s -> {
                    throw new IllegalStateException("engine did not start\nstack");
                });
        assertEquals("device: cuda (engine did not start)", m.deviceProperty().get());
        m.refreshMemory();
        assertEquals("memory: unknown", m.memoryProperty().get());
    }

    @Test
    void aClosedExecutorStopsThePollingInsteadOfThrowing() {
        dev.rankadaptor.ui.exec.FxUiExecutor ex = new dev.rankadaptor.ui.exec.FxUiExecutor(1);
        RunControlsViewModel run = new RunControlsViewModel(RunController.inert());
        StatusBarModel m = new StatusBarModel(ex, run, new SimpleStringProperty("cpu"), MemoryReading::now, s -> s);
        ex.close();
        m.refreshMemory();
        assertTrue(m.closed());
    }
}

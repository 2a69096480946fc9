package dev.rankadaptor.ui.workbench;

import dev.rankadaptor.compute.DeviceChoice;
import dev.rankadaptor.compute.MemoryReading;
import dev.rankadaptor.ui.exec.UiExecutor;
import dev.rankadaptor.ui.run.RunControlsViewModel;
import dev.rankadaptor.ui.run.RunState;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The status bar's figures, as dashboard users expect them at the bottom of the window: the device
 * the run will use (resolved against the engine in the background: a CUDA request on a machine
 * without CUDA says it runs on the CPU), this process's resident memory and the machine's available
 * memory, the run's state, trials done / expected and the time left. A view model: no controls,
 * testable with the same-thread executor.
 */
public final class StatusBarModel {
    private final UiExecutor executor;
    private final Supplier<MemoryReading> memory;
    private final Function<String, String> deviceResolver;
    private final ReadOnlyStringWrapper device = new ReadOnlyStringWrapper("device: cpu");
    private final ReadOnlyStringWrapper memoryText = new ReadOnlyStringWrapper("memory: …");
    private final ReadOnlyStringWrapper run = new ReadOnlyStringWrapper("idle");
    private final ReadOnlyStringWrapper trials = new ReadOnlyStringWrapper("trials 0");
    private final ReadOnlyStringWrapper eta = new ReadOnlyStringWrapper("");
    private UiExecutor.Job resolving;
    private volatile boolean readingMemory;
    private volatile boolean closed;

    /**
     * @param deviceField    the project's device setting ("cpu", "cuda", "cuda:N")
     * @param memory         reads the memory figures (called off the UI thread)
     * @param deviceResolver turns a device setting into what the run will really use (may start the engine;
     *                       called off the UI thread)
     */
    public StatusBarModel(UiExecutor executor, RunControlsViewModel runModel, ObservableValue<String> deviceField,
                          Supplier<MemoryReading> memory, Function<String, String> deviceResolver) {
        this.executor = executor;
        this.memory = memory;
        this.deviceResolver = deviceResolver;
        runModel.stateProperty().addListener((o, a, s) -> run.set(stateText(s, runModel.getMessage())));
        runModel.messageProperty().addListener((o, a, m) -> run.set(stateText(runModel.getState(), m)));
        run.set(stateText(runModel.getState(), runModel.getMessage()));
        runModel.etaProperty().addListener((o, a, e) -> eta.set(e == null || e.isBlank() ? "" : "ETA " + e));
        runModel.trialsDoneProperty().addListener((o, a, n) -> trials.set(trialsText(n.intValue(), runModel.trialsExpectedProperty().get())));
        runModel.trialsExpectedProperty().addListener((o, a, n) -> trials.set(trialsText(runModel.trialsDoneProperty().get(), n.intValue())));
        deviceField.addListener((o, a, d) -> resolve(d));
        resolve(deviceField.getValue());
    }

    /** The real wiring: /proc for memory, the engine for the device. */
    public static StatusBarModel of(UiExecutor executor, RunControlsViewModel runModel, ObservableValue<String> deviceField) {
        return new StatusBarModel(executor, runModel, deviceField, MemoryReading::now, StatusBarModel::resolveWithEngine);
    }

    static String resolveWithEngine(String setting) {
        DeviceChoice.Resolved r = DeviceChoice.parse(setting).resolve();
        return r.warning() == null ? r.device().toString() : r.device() + " (" + setting + " not available)";
    }

    private static String stateText(RunState s, String message) {
        String name = s == null ? "idle" : s.name().toLowerCase(java.util.Locale.ROOT);
        return s == RunState.FAILED && message != null && !message.isBlank() ? message : name;
    }

    static String trialsText(int done, int expected) {
        return expected > 0 ? "trials " + done + " / " + expected : "trials " + done;
    }

    private void resolve(String setting) {
        String s = setting == null || setting.isBlank() ? "cpu" : setting.trim();
        if (resolving != null) {
            resolving.cancel();
        }
        if (s.equals("cpu")) {
            device.set("device: cpu");
            return;
        }
        device.set("device: " + s + " …");
        resolving = executor.submit("resolve device", token -> deviceResolver.apply(s),
                d -> device.set("device: " + d), e -> device.set("device: " + s + " (" + firstLine(e) + ")"));
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }

    /** Reads the memory figures in the background (skipped while the previous read is still out). */
    public void refreshMemory() {
        if (readingMemory) {
            return;
        }
        readingMemory = true;
        try {
            executor.submit("read memory", token -> memory.get(), r -> {
                readingMemory = false;
                memoryText.set("memory: " + r.summary());
            }, e -> {
                readingMemory = false;
                memoryText.set("memory: unknown");
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the window's executor has shut down (the window is closing): nothing more to read
            closed = true;
        }
    }

    /** True once the executor refused work: the window is closing and polling should stop. */
    public boolean closed() {
        return closed;
    }

    public ReadOnlyStringProperty deviceProperty() {
        return device.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty memoryProperty() {
        return memoryText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty runProperty() {
        return run.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty trialsProperty() {
        return trials.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty etaProperty() {
        return eta.getReadOnlyProperty();
    }
}

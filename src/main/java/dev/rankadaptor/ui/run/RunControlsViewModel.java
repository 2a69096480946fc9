package dev.rankadaptor.ui.run;

import java.util.List;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Duration;

/**
 * The Run panel's state machine: which of start / pause / resume / stop / cancel is allowed in the
 * current state, the progress and ETA, and a bounded live log. Buttons bind their disable
 * property to the {@code can...} bindings; user actions call the controller and move to the
 * requested-but-not-yet-done state; the back end's events move to the final states.
 */
public final class RunControlsViewModel {
    /** Lines kept in the live log; older ones are dropped so a long run cannot grow the UI. */
    public static final int LOG_LIMIT = 2000;

    private final RunController controller;
    private final ReadOnlyObjectWrapper<RunState> state = new ReadOnlyObjectWrapper<>(this, "state", RunState.IDLE);
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress", 0);
    private final StringProperty eta = new SimpleStringProperty(this, "eta", "");
    private final StringProperty message = new SimpleStringProperty(this, "message", "");
    private List<String> pendingLog;
    private final javafx.beans.property.IntegerProperty trialsDone = new javafx.beans.property.SimpleIntegerProperty(this, "trialsDone", 0);
    private final javafx.beans.property.IntegerProperty trialsExpected = new javafx.beans.property.SimpleIntegerProperty(this, "trialsExpected", 0);
    private final ObservableList<String> log = FXCollections.observableArrayList();
    private final WorkersViewModel workers = new WorkersViewModel();
    private final BooleanBinding canStart;
    private final BooleanBinding canPause;
    private final BooleanBinding canResume;
    private final BooleanBinding canStop;
    private final BooleanBinding canCancel;

    /** What the buttons call (the application's run controller). */
    public RunController controller() {
        return controller;
    }

    public RunControlsViewModel(RunController controller) {
        this.controller = controller;
        workers.setLog(this::onLog);
        canStart = Bindings.createBooleanBinding(() -> state.get() == RunState.IDLE || state.get().isTerminal(), state);
        canPause = Bindings.createBooleanBinding(() -> state.get() == RunState.RUNNING, state);
        canResume = Bindings.createBooleanBinding(() -> state.get() == RunState.PAUSED, state);
        canStop = Bindings.createBooleanBinding(() -> state.get() == RunState.RUNNING || state.get() == RunState.PAUSED
                || state.get() == RunState.PAUSING, state);
        canCancel = Bindings.createBooleanBinding(() -> state.get().isActive() && state.get() != RunState.CANCELLING
                || state.get() == RunState.PAUSED, state);
    }

    // ---- user actions -------------------------------------------------------------------------

    /** Start a new run (resume = false) or continue a journaled one (resume = true). */
    public void start(boolean resumeFromJournal) {
        require(canStart.get(), "start");
        progress.set(0);
        eta.set("");
        message.set(resumeFromJournal ? "resuming from journal" : "starting");
        state.set(RunState.RUNNING);
        controller.start(resumeFromJournal);
    }

    public void pause() {
        require(canPause.get(), "pause");
        state.set(RunState.PAUSING);
        message.set("pausing after the current trial");
        controller.pause();
    }

    public void resume() {
        require(canResume.get(), "resume");
        state.set(RunState.RUNNING);
        message.set("running");
        controller.resume();
    }

    public void stop() {
        require(canStop.get(), "stop");
        state.set(RunState.STOPPING);
        message.set("stopping after the current trial, then baselines and report");
        controller.stop();
    }

    public void cancel() {
        require(canCancel.get(), "cancel");
        state.set(RunState.CANCELLING);
        message.set("cancelling; finished trials stay in the journal");
        controller.cancel();
    }

    private void require(boolean allowed, String action) {
        if (!allowed) {
            throw new IllegalStateException(action + " is not allowed while " + state.get());
        }
    }

    // ---- back-end events (call on the UI thread) ----------------------------------------------

    /** Progress of the whole run in [0, 1] and the time left, estimated by the back end. */
    public void onProgress(double fraction, Duration remaining) {
        progress.set(Math.max(0, Math.min(1, fraction)));
        eta.set(remaining == null ? "" : formatEta(remaining));
    }

    /** Trials measured so far in this run and how many the whole run is expected to measure (0 = unknown). */
    public void onTrialCount(int done, int expected) {
        trialsDone.set(Math.max(0, done));
        trialsExpected.set(Math.max(0, expected));
    }

    public javafx.beans.property.ReadOnlyIntegerProperty trialsDoneProperty() {
        return trialsDone;
    }

    public javafx.beans.property.ReadOnlyIntegerProperty trialsExpectedProperty() {
        return trialsExpected;
    }

    public String getMessage() {
        return message.get();
    }

    /** The run reached a pause point (after its trial). */
    public void onPaused() {
        state.set(RunState.PAUSED);
        message.set("paused");
    }

    public void onFinished() {
        state.set(RunState.FINISHED);
        progress.set(1);
        eta.set("");
        message.set("finished");
    }

    public void onCancelled() {
        state.set(RunState.CANCELLED);
        message.set("cancelled");
    }

    public void onFailed(String reason) {
        state.set(RunState.FAILED);
        message.set("failed: " + reason);
    }

    /** Appends a line to the live log, dropping the oldest beyond {@link #LOG_LIMIT}. */
    public void onLog(String line) {
        if (pendingLog != null) {
            pendingLog.add(line);
            return;
        }
        appendLog(List.of(line));
    }

    /**
     * Runs {@code updates} (UI thread) with their log lines added in one change at the end: the log's
     * list view then lays its cells out once per batch instead of once per line (a drain of the run
     * feed can carry dozens of lines).
     */
    public void batchLog(Runnable updates) {
        if (pendingLog != null) {
            updates.run();
            return;
        }
        pendingLog = new java.util.ArrayList<>();
        try {
            updates.run();
        } finally {
            List<String> lines = pendingLog;
            pendingLog = null;
            appendLog(lines);
        }
    }

    private void appendLog(List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        log.addAll(lines);
        if (log.size() > LOG_LIMIT) {
            log.remove(0, log.size() - LOG_LIMIT);
        }
    }

    static String formatEta(Duration d) {
        long s = Math.max(0, d.getSeconds());
        return s >= 3600 ? String.format("%dh %02dm", s / 3600, (s % 3600) / 60)
                : String.format("%dm %02ds", s / 60, s % 60);
    }

    // ---- properties ---------------------------------------------------------------------------

    public ReadOnlyObjectProperty<RunState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public RunState getState() {
        return state.get();
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public StringProperty etaProperty() {
        return eta;
    }

    public StringProperty messageProperty() {
        return message;
    }

    /** Workers / jobs of a parallel run, with a cancel per trial. */
    public WorkersViewModel workers() {
        return workers;
    }

    public ObservableList<String> log() {
        return log;
    }

    public BooleanBinding canStartProperty() {
        return canStart;
    }

    public BooleanBinding canPauseProperty() {
        return canPause;
    }

    public BooleanBinding canResumeProperty() {
        return canResume;
    }

    public BooleanBinding canStopProperty() {
        return canStop;
    }

    public BooleanBinding canCancelProperty() {
        return canCancel;
    }
}

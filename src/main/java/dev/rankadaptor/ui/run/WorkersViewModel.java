package dev.rankadaptor.ui.run;

import dev.rankadaptor.pipeline.TrialPool;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.function.Consumer;

/**
 * The Run panel's list of workers / jobs of a parallel run (state, trial, ranks, device or node,
 * elapsed, log tail) and the per-trial cancel. It reads the pool's thread-safe snapshot when the
 * view asks (about once a second) and only touches the list when something changed; an in-process
 * run has no pool and an empty list.
 */
public final class WorkersViewModel {
    private final ObservableList<TrialPool.WorkerStatus> rows = FXCollections.observableArrayList();
    private volatile TrialPool pool;
    private Consumer<String> log = s -> { };

    public ObservableList<TrialPool.WorkerStatus> rows() {
        return rows;
    }

    /** Where cancel requests are reported (the run log). */
    public void setLog(Consumer<String> log) {
        this.log = log == null ? s -> { } : log;
    }

    /** A parallel run opened its pool (UI thread). */
    public void attach(TrialPool p) {
        pool = p;
        refresh();
    }

    /** The run ended: nothing to watch or cancel any more (UI thread). */
    public void detach() {
        pool = null;
        rows.clear();
    }

    public boolean attached() {
        return pool != null;
    }

    /** Re-reads the pool's snapshot (UI thread); cheap: the pool publishes an immutable list. */
    public void refresh() {
        TrialPool p = pool;
        List<TrialPool.WorkerStatus> now = p == null ? List.of() : p.snapshot();
        if (!now.equals(rows)) {
            rows.setAll(now);
        }
    }

    /** Asks the pool to cancel one trial; it is then recorded as failed, "cancelled by the user". */
    public void cancel(int trialIndex) {
        TrialPool p = pool;
        if (p == null || trialIndex < 0) {
            return;
        }
        p.cancel(trialIndex);
        log.accept("cancel requested for trial " + trialIndex);
    }

    /** One line of a log tail for a table cell: its last non-empty line. */
    public static String lastLine(String tail) {
        if (tail == null || tail.isBlank()) {
            return "";
        }
        String[] lines = tail.split("\n");
        return lines[lines.length - 1].trim();
    }
}

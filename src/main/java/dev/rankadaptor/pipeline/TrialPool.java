package dev.rankadaptor.pipeline;

import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.experiment.ExecutionSection;
import dev.rankadaptor.experiment.JournalRecord;
import dev.rankadaptor.experiment.RunDirectory;

import java.util.List;

/**
 * Trials in flight outside the run's JVM (worker processes, cluster jobs). The run's coordinator
 * submits {@link TrialSpec}s and collects their completions in the order they arrive; it alone
 * appends to the journal, through {@link Events}, on its own thread: every method except
 * {@link #snapshot()} and {@link #cancel(int)} is called on that thread. Implemented by
 * {@code execution.BackendPool} over any {@code execution.TrialBackend}; see docs/parallel-trials.md.
 */
public interface TrialPool extends AutoCloseable {

    /** Trials this pool runs at once. */
    int capacity();

    /**
     * Queues a trial; it starts as soon as a worker is free. {@code recorded} are its dispatch
     * records from earlier coordinators (resume): a result file of any attempt is adopted, a job or
     * worker still running is watched again, one that is gone is started anew.
     */
    void submit(TrialSpec spec, List<JournalRecord.TrialDispatched> recorded);

    /** Trials submitted and not yet returned by {@link #await}. */
    int outstanding();

    /**
     * Waits for the next trial that finished, or failed for good (retries spent, or cancelled by the
     * user); trials come back in arrival order. Throws {@link dev.rankadaptor.common.CancelledException}
     * when {@code cancel} fires (everything in flight is stopped first).
     */
    Completion await(CancellationToken cancel);

    /** Cancels one trial (thread-safe): it comes back from {@link #await} as failed, "cancelled by the user". */
    void cancel(int index);

    /** What every worker or job is doing now (thread-safe), for the Run panel. */
    List<WorkerStatus> snapshot();

    /** Stops whatever still runs. */
    @Override
    void close();

    /** A trial that came back: exactly one of {@code result} and {@code failure} is set. */
    record Completion(TrialSpec spec, JournalRecord.TrialFinished result, JournalRecord.TrialFailed failure) {
        public Completion {
            if ((result == null) == (failure == null)) {
                throw new IllegalArgumentException("a completion is either a result or a failure");
            }
        }
    }

    /** Journal events of the pool, appended by the coordinator as they happen. */
    interface Events {
        void dispatched(JournalRecord.TrialDispatched record);

        void attemptFailed(JournalRecord.TrialAttemptFailed record);
    }

    /** Opens the pool of a run (the execution layer's backends). */
    @FunctionalInterface
    interface Factory {
        TrialPool open(RunDirectory dir, ExecutionSection execution, Events events);
    }

    /**
     * One worker's or job's state for the UI.
     *
     * @param index   trial index (-1: idle worker)
     * @param method  method of the trial
     * @param ranks   its ranks, as text
     * @param state   queued, running, retrying, ...
     * @param where   device or node
     * @param attempt current attempt
     * @param elapsedSeconds since the attempt started
     * @param logTail last lines of the attempt's log
     */
    record WorkerStatus(int index, String method, String ranks, String state, String where, int attempt,
                        double elapsedSeconds, String logTail) {
    }
}

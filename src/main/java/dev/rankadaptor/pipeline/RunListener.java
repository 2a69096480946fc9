package dev.rankadaptor.pipeline;

import dev.rankadaptor.experiment.JournalRecord;
import dev.rankadaptor.search.ModelUpdate;
import dev.rankadaptor.train.TrainingListener;

/**
 * Everything a running experiment reports, for the CLI progress line and the GUI's live views.
 * Called on the run's worker thread: implementations must be quick and hand over to their own
 * thread (the GUI adapts these calls in one place).
 */
public interface RunListener {
    RunListener NONE = new RunListener() {
    };

    default void phase(RunPhase phase, String detail) {
    }

    default void trialStarted(JournalRecord.TrialStarted trial) {
    }

    /** One optimizer step of the running trial (the live loss curve). */
    default void trainingStep(int trialIndex, TrainingListener.StepEvent step) {
    }

    default void trialFinished(JournalRecord.TrialFinished trial) {
    }

    default void modelUpdated(ModelUpdate update) {
    }

    default void log(String message) {
    }

    /** A trial failed for good (retries spent, or cancelled by the user): its reason and log tail. */
    default void trialFailed(JournalRecord.TrialFailed failure) {
    }

    /** Trials now run in worker processes or jobs: the pool to watch (snapshot) and to cancel trials in. */
    default void workersStarted(TrialPool pool) {
    }

    /** The run waits after a trial because the user paused it; resume continues. */
    default void paused(String detail) {
    }

    default void finished(RunOutcome outcome) {
    }
}

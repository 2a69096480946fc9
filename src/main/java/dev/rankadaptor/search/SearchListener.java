package dev.rankadaptor.search;

/**
 * Events of a running search, for the journal, the CLI progress bar and the GUI. Called on the
 * search thread; implementations must be quick and must not throw. Trials replayed from earlier
 * records on resume produce no trialStarted/trialFinished events (they are already journalled);
 * one modelUpdated follows the replay.
 */
public interface SearchListener {
    SearchListener NONE = new SearchListener() {
    };

    /** A trial is about to run; {@code predicted} is NaN when no model prediction exists. */
    default void trialStarted(int index, int[] ranks, double predicted, TrialPhase phase) {
    }

    default void trialFinished(TrialRecord record) {
    }

    default void modelUpdated(ModelUpdate update) {
    }

    /**
     * The noise trials are done: {@code noise} is the spread of repeated configurations so far and
     * {@code threshold} the convergence threshold the search uses from now on.
     */
    default void noiseMeasured(TrialNoise noise, double threshold) {
    }

    /** The search is waiting because of a pause request; {@code nextIndex} will run on resume. */
    default void paused(int nextIndex) {
    }

    /** The search ended (not only by convergence): the reason and a human-readable explanation. */
    default void converged(StopReason reason, String message) {
    }
}

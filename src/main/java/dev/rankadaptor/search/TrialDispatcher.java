package dev.rankadaptor.search;

/**
 * The asynchronous counterpart of {@link TrialRunner}: hands trials to workers and returns them as
 * they arrive, so {@link AsyncSearch} keeps several in flight. The dispatcher records each dispatch
 * and each arrival (the run journals them), so the search's listener does not see trialStarted /
 * trialFinished events. Indices are the strategy's own (0, 1, ...), as with {@link TrialRunner}.
 */
public interface TrialDispatcher {

    /** Starts trial {@code index}; returns at once. {@code predicted} is NaN without a model prediction. */
    void dispatch(int index, int[] ranks, long seed, double predicted, TrialPhase phase);

    /**
     * Blocks until one dispatched trial (or one still running from before a resume) has finished or
     * failed for good. Throws {@link dev.rankadaptor.common.CancelledException} when the run is cancelled.
     */
    Arrival next();

    /**
     * A trial that came back.
     *
     * @param index      the strategy's trial index
     * @param outcome    its measurement, or null when it failed
     * @param failure    why it failed (null when it has an outcome)
     * @param durationMs wall time of the measurement
     */
    record Arrival(int index, TrialOutcome outcome, String failure, long durationMs) {
        public Arrival {
            if ((outcome == null) == (failure == null)) {
                throw new IllegalArgumentException("an arrival has either an outcome or a failure");
            }
        }
    }
}

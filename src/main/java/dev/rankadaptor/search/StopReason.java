package dev.rankadaptor.search;

/** Why a search ended. */
public enum StopReason {
    /** |predicted - measured| stayed under the threshold for the configured number of consecutive model-guided trials. */
    CONVERGED,
    /** The trial budget is spent. */
    MAX_TRIALS,
    /** The wall-clock budget is spent (checked between trials). */
    TIME_BUDGET,
    /** The user asked to stop after the current trial. */
    STOPPED,
    /** The user cancelled; the trial in flight was abandoned and is not recorded. */
    CANCELLED
}

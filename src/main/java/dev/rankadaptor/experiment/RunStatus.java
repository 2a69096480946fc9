package dev.rankadaptor.experiment;

/** Where a run stands according to its journal. */
public enum RunStatus {
    /** No run_started record yet. */
    NEW,
    /** Started (or resumed) and not ended: running now, or interrupted by a crash. */
    ACTIVE,
    /** Paused by the user after a trial. */
    PAUSED,
    /** Stop requested: no more search trials; baselines and the report may still be pending. */
    STOPPED,
    /** Cancelled by the user. */
    CANCELLED,
    /** Completed; results written. */
    FINISHED
}

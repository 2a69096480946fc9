package dev.rankadaptor.pipeline;

/** The stages of a run, in order; the GUI and CLI show which one is active. */
public enum RunPhase {
    PRUNING, LOADING, NO_RECOVERY, SEARCH, RANDOM_SEARCH, REPEATS, REPORT, DONE
}

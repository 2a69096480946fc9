package dev.rankadaptor.prune;

/** The stages of a pruning run, in order, as reported to a {@link PruneListener}. */
public enum PrunePhase {
    LOADING, IMPORTANCE, SCORING_BLOCKS, PRUNING, WRITING
}

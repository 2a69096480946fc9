package dev.rankadaptor.prune;

/**
 * Progress of a pruning run for a progress bar (GUI) or a log line (CLI). Called on the thread
 * running the job; implementations hand over to their own thread if they need to.
 */
@FunctionalInterface
public interface PruneListener {
    /** {@code fraction} in [0, 1] of the current phase. */
    void progress(PrunePhase phase, double fraction);

    /** A listener that ignores everything. */
    static PruneListener none() {
        return (phase, fraction) -> {
        };
    }
}

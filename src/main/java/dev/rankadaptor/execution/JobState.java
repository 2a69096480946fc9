package dev.rankadaptor.execution;

/** The life of one attempt as a backend sees it. */
public enum JobState {
    /** Accepted, waiting for a worker or a node. */
    QUEUED,
    RUNNING,
    /** Ended with exit status 0. */
    SUCCEEDED,
    /** Ended otherwise: non-zero exit, killed by a signal, node failure, time limit, out of memory. */
    FAILED,
    /** Cancelled (by us or by someone else). */
    CANCELLED,
    /** The backend does not know it any more (process gone without a status, job purged). */
    GONE;

    /** True once the attempt will not change any more. */
    public boolean ended() {
        return this != QUEUED && this != RUNNING;
    }
}

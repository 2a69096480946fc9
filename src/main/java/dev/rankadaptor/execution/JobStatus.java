package dev.rankadaptor.execution;

/**
 * An attempt's state with the backend's own words for it.
 *
 * @param state  the state
 * @param reason why it ended, in the backend's words (exit status 3, NODE_FAIL, killed by signal 9); "" when running
 * @param where  device or node, when known
 */
public record JobStatus(JobState state, String reason, String where) {
    public JobStatus {
        if (state == null) {
            throw new IllegalArgumentException("state is required");
        }
        reason = reason == null ? "" : reason;
        where = where == null ? "" : where;
    }
}

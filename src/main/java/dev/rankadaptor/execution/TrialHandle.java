package dev.rankadaptor.execution;

/**
 * A started attempt as its backend identifies it.
 *
 * @param index         the trial's journal index
 * @param attempt       1, 2, ...
 * @param id            what finds it again after a coordinator restart (local: pid; slurm: job id)
 * @param slot          the worker slot it occupies (0..slots-1)
 * @param where         device or node, as far as known
 * @param startedMillis wall-clock start (System.currentTimeMillis)
 */
public record TrialHandle(int index, int attempt, String id, int slot, String where, long startedMillis) {
    public TrialHandle {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a handle needs an id");
        }
        where = where == null ? "" : where;
    }
}

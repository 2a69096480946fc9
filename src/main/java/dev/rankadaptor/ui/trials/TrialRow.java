package dev.rankadaptor.ui.trials;

import java.util.Arrays;

/**
 * One trial as the trials table shows it, filled from a search journal record: its position in
 * search order, the phase that chose it, the rank vector, the prediction made before it ran and the
 * measured score after (NaN while running or when there was no prediction), and per-task scores.
 * A plain class with getters (not a record) so any cell factory can read it.
 */
public final class TrialRow {
    private final int index;
    private final String phase;
    private final int[] ranks;
    private final double predicted;
    private final double measured;
    private final double[] taskScores;
    private final String failure;

    public TrialRow(int index, String phase, int[] ranks, double predicted, double measured, double[] taskScores) {
        this(index, phase, ranks, predicted, measured, taskScores, "");
    }

    /** @param failure why the trial failed for good ("" when it did not; then measured is NaN) */
    public TrialRow(int index, String phase, int[] ranks, double predicted, double measured, double[] taskScores,
                    String failure) {
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, was " + index);
        }
        this.index = index;
        this.phase = phase == null ? "" : phase;
        this.ranks = ranks.clone();
        this.predicted = predicted;
        this.measured = measured;
        this.taskScores = taskScores == null ? new double[0] : taskScores.clone();
        this.failure = failure == null ? "" : failure;
    }

    /** Why the trial failed (retries spent, cancelled), "" for a measured trial. */
    public String getFailure() {
        return failure;
    }

    /** "ok", or "failed: " and the reason. */
    public String statusText() {
        return failure.isEmpty() ? "ok" : "failed: " + failure;
    }

    public int getIndex() {
        return index;
    }

    public String getPhase() {
        return phase;
    }

    public int[] getRanks() {
        return ranks.clone();
    }

    /** Rank of one layer without copying the vector (used by table cells and filters). */
    public int rank(int layer) {
        return ranks[layer];
    }

    public int layerCount() {
        return ranks.length;
    }

    public double getPredicted() {
        return predicted;
    }

    public double getMeasured() {
        return measured;
    }

    /** |predicted - measured|, NaN if either is missing. */
    public double getError() {
        return Math.abs(predicted - measured);
    }

    public double[] getTaskScores() {
        return taskScores.clone();
    }

    public double taskScore(int task) {
        return task < taskScores.length ? taskScores[task] : Double.NaN;
    }

    /** Ranks as "8 8 12 ..." for display and text search. */
    public String ranksText() {
        StringBuilder sb = new StringBuilder(ranks.length * 3);
        for (int r : ranks) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(r);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "TrialRow[" + index + " " + phase + " " + Arrays.toString(ranks) + " pred=" + predicted + " meas=" + measured + "]";
    }
}

package dev.rankadaptor.ui.results;

import java.util.Arrays;

/**
 * One line of the methods x tasks table: a method's score per task (in the table's task order),
 * with the run-to-run standard deviation per task where repeats measured it (NaN otherwise).
 * {@code reference} rows come from the paper and can be hidden; our own rows cannot.
 *
 * @param label     what the row shows in the first column ("RankAdaptor", "Paper T2 LoRA 20%")
 * @param reference true for the paper's published numbers
 */
public record ResultsRow(String label, boolean reference, double[] scores, double[] std, double printedAvg) {

    public ResultsRow {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("label is required");
        }
        scores = scores.clone();
        std = std == null ? nan(scores.length) : std.clone();
        if (std.length != scores.length) {
            throw new IllegalArgumentException("std must have one entry per task");
        }
    }

    /** A row without noise estimates and without a printed average. */
    public static ResultsRow of(String label, boolean reference, double... scores) {
        return new ResultsRow(label, reference, scores, null, Double.NaN);
    }

    private static double[] nan(int n) {
        double[] v = new double[n];
        Arrays.fill(v, Double.NaN);
        return v;
    }

    /** Score of column c, where column {@code scores.length} is the average. */
    public double value(int c) {
        return c == scores.length ? average() : scores[c];
    }

    /** Noise of column c (NaN when unknown; the average's noise is not estimated here). */
    public double noise(int c) {
        return c == scores.length ? Double.NaN : std[c];
    }

    /** The printed average when the source has one, else the mean of the task scores. */
    public double average() {
        if (!Double.isNaN(printedAvg)) {
            return printedAvg;
        }
        return Arrays.stream(scores).average().orElse(Double.NaN);
    }

    @Override
    public double[] scores() {
        return scores.clone();
    }

    @Override
    public double[] std() {
        return std.clone();
    }
}

package dev.rankadaptor.ui.results;

import java.util.Arrays;

/**
 * One line of the methods x tasks table: a method's score per task (in the table's task order),
 * with the run-to-run standard deviation per task where repeats measured it (NaN otherwise).
 * {@code reference} rows come from the paper and can be hidden; our own rows cannot.
 *
 * @param label     what the row shows in the first column ("RankAdaptor", "Paper T2 LoRA 20%")
 * @param reference true for the paper's published numbers
 * @param parameters trainable LoRA parameters and their share of uniform LoRA ("12,288 (75.0%)"); "" when unknown
 */
public record ResultsRow(String label, boolean reference, double[] scores, double[] std, double printedAvg,
                         double avgStd, int n, String parameters) {

    public ResultsRow(String label, boolean reference, double[] scores, double[] std, double printedAvg,
                      double avgStd, int n) {
        this(label, reference, scores, std, printedAvg, avgStd, n, "");
    }

    public ResultsRow {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("label is required");
        }
        parameters = parameters == null ? "" : parameters;
        scores = scores.clone();
        std = std == null ? nan(scores.length) : std.clone();
        if (std.length != scores.length) {
            throw new IllegalArgumentException("std must have one entry per task");
        }
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, was " + n);
        }
    }

    /** A row without noise estimates and without a printed average. */
    public static ResultsRow of(String label, boolean reference, double... scores) {
        return new ResultsRow(label, reference, scores, null, Double.NaN, Double.NaN, 0);
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

    /** Sample std over the n repeats of column c (the average column: of the per-repeat averages); NaN when unknown. */
    public double noise(int c) {
        return c == scores.length ? avgStd : std[c];
    }

    /** Standard error of column c, std / sqrt(n); NaN when the std is unknown or n &lt; 2. */
    public double stderr(int c) {
        double s = noise(c);
        return Double.isNaN(s) || n < 2 ? Double.NaN : s / Math.sqrt(n);
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

package dev.rankadaptor.experiment;

import dev.rankadaptor.common.InvalidFieldException;

import java.util.List;

/**
 * One method's score in one column (a task or the average) over its repeats: mean, sample standard
 * deviation (n - 1) and n, plus the raw values so the statistics can be recomputed. Scores are
 * fractions in [0, 1] as the evaluator reports them; exports print percentages. A reference cell
 * (a published number) has no values and no spread: n = 0, std null.
 *
 * @param mean   mean over repeats
 * @param std    sample standard deviation, null when n &lt; 2
 * @param n      number of repeats (0 for a reference value)
 * @param values the per-repeat values (empty for a reference value)
 */
public record ScoreCell(double mean, Double std, int n, List<Double> values) {
    public ScoreCell {
        if (!Double.isFinite(mean)) {
            throw new InvalidFieldException("mean", "must be a finite number, was " + mean);
        }
        values = List.copyOf(values);
        if (n != values.size()) {
            throw new InvalidFieldException("n", "must equal the number of values (" + values.size() + "), was " + n);
        }
        if (std != null && !(std >= 0 && Double.isFinite(std))) {
            throw new InvalidFieldException("std", "must be a finite number >= 0, was " + std);
        }
    }

    /** Statistics of per-repeat values (at least one). */
    public static ScoreCell of(List<Double> values) {
        if (values.isEmpty()) {
            throw new InvalidFieldException("values", "must not be empty");
        }
        double sum = 0;
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new InvalidFieldException("values", "must be finite numbers, had " + v);
            }
            sum += v;
        }
        int n = values.size();
        double mean = sum / n;
        Double std = null;
        if (n >= 2) {
            double ss = 0;
            for (double v : values) {
                ss += (v - mean) * (v - mean);
            }
            std = Math.sqrt(ss / (n - 1));
        }
        return new ScoreCell(mean, std, n, values);
    }

    /** A published number: a mean without repeats. */
    public static ScoreCell reference(double value) {
        return new ScoreCell(value, null, 0, List.of());
    }

    /** Standard error of the mean (std / sqrt(n)), or null when the spread is unknown. */
    public Double stderr() {
        return std == null ? null : std / Math.sqrt(n);
    }
}

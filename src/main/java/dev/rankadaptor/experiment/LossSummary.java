package dev.rankadaptor.experiment;

import dev.rankadaptor.common.InvalidFieldException;

/**
 * A training loss curve reduced to what a journal line can hold: first, last and minimum loss and
 * the number of steps. A diverged run may have NaN losses; they are written as the JSON string
 * "NaN" and read back as NaN, so a bad trial is recorded rather than lost.
 */
public record LossSummary(double first, double last, double min, int steps) {
    public LossSummary {
        if (steps < 0) {
            throw new InvalidFieldException("loss.steps", "must be >= 0, was " + steps);
        }
    }

    /** Summarises a curve (per-step losses); an empty curve gives NaN values and 0 steps. */
    public static LossSummary of(double[] losses) {
        if (losses.length == 0) {
            return new LossSummary(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double min = Double.NaN;
        for (double l : losses) {
            if (!Double.isNaN(l) && (Double.isNaN(min) || l < min)) {
                min = l;
            }
        }
        return new LossSummary(losses[0], losses[losses.length - 1], min, losses.length);
    }
}

package dev.rankadaptor.search;

import dev.rankadaptor.common.InvalidFieldException;

import java.util.Arrays;
import java.util.Map;

/**
 * One finished trial, as journalled and replayed on resume. Jackson round-trips it (NaN
 * predictions are written as the string "NaN").
 *
 * @param index      0-based position in its strategy's sequence; the random streams derive from (seed, index)
 * @param phase      why it was run
 * @param ranks      the per-layer ranks of the prunable layers
 * @param seed       the seed handed to the trial runner
 * @param predicted  the performance model's prediction made before the trial, NaN when there was none
 * @param score      the measured target score
 * @param taskScores per-task measured scores
 * @param durationMs wall time of the trial
 */
public record TrialRecord(int index, TrialPhase phase, int[] ranks, long seed, double predicted, double score,
                          Map<String, Double> taskScores, long durationMs) {
    public TrialRecord {
        if (index < 0) {
            throw new InvalidFieldException("index", "must be >= 0, was " + index);
        }
        if (phase == null) {
            throw new InvalidFieldException("phase", "is required");
        }
        if (ranks == null || ranks.length == 0) {
            throw new InvalidFieldException("ranks", "needs at least one rank");
        }
        if (!Double.isFinite(score)) {
            throw new InvalidFieldException("score", "must be a finite number, was " + score);
        }
        ranks = ranks.clone();
        taskScores = taskScores == null ? Map.of() : Map.copyOf(taskScores);
    }

    @Override
    public int[] ranks() {
        return ranks.clone();
    }

    /** |predicted - score|, NaN when nothing was predicted. */
    public double predictionError() {
        return Math.abs(predicted - score);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrialRecord t && t.index == index && t.phase == phase && Arrays.equals(t.ranks, ranks)
                && t.seed == seed && Double.compare(t.predicted, predicted) == 0 && Double.compare(t.score, score) == 0
                && t.taskScores.equals(taskScores) && t.durationMs == durationMs;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ranks) * 31 + Integer.hashCode(index);
    }

    @Override
    public String toString() {
        return "Trial#" + index + "[" + phase + " " + Arrays.toString(ranks) + " predicted=" + predicted + " score=" + score + "]";
    }
}

package dev.rankadaptor.search;

import java.util.Map;

/**
 * What one real (or synthetic) trial measured. {@code score} is the search target in the same
 * units as {@link SearchConfig#convergenceThreshold()} (percent points for accuracy averages).
 *
 * @param score      the target score (e.g. the mean of the chosen tasks' accuracies, in percent)
 * @param taskScores per-task scores in the same units (may be empty)
 */
public record TrialOutcome(double score, Map<String, Double> taskScores) {
    public TrialOutcome {
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException("trial score must be finite, was " + score);
        }
        taskScores = taskScores == null ? Map.of() : Map.copyOf(taskScores);
    }

    public static TrialOutcome of(double score) {
        return new TrialOutcome(score, Map.of());
    }
}

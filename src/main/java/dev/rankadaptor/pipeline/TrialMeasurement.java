package dev.rankadaptor.pipeline;

import dev.rankadaptor.experiment.LossSummary;

import java.util.Map;

/**
 * What one recovery + evaluation measured: the target score and per-task scores (fractions in
 * [0, 1]), the training loss curve, timings, and the ranks actually used per layer (AdaLoRA's
 * final ranks differ from its initial ones).
 */
public record TrialMeasurement(double score, Map<String, Double> taskScores, LossSummary loss, double trainSeconds,
                               double evalSeconds, int[] finalRanks) {
}

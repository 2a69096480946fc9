package dev.rankadaptor.recover;

import java.util.List;
import java.util.Map;

/**
 * What a recovery run did: loss per optimizer step, validation (step, loss) pairs including the
 * loss before training (step 0) and after the last step, wall seconds, trained tokens per second
 * (trained tokens over the whole run's seconds, validation passes included), trainable parameter
 * count, and the ranks it ended with (per layer: the largest module rank; per module by full name).
 */
public record RecoveryResult(String method, List<Double> losses, List<double[]> validation, int steps, double seconds,
                             double tokensPerSecond, long trainedTokens, long trainableParameters, int[] finalLayerRanks,
                             Map<String, Integer> finalModuleRanks) {
    public RecoveryResult {
        losses = List.copyOf(losses);
        validation = List.copyOf(validation);
        finalLayerRanks = finalLayerRanks.clone();
        finalModuleRanks = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(finalModuleRanks));
    }

    @Override
    public int[] finalLayerRanks() {
        return finalLayerRanks.clone();
    }

    /** Validation loss before training (NaN without a validation set). */
    public double validationBefore() {
        return validation.isEmpty() ? Double.NaN : validation.get(0)[1];
    }

    /** Validation loss after the last step (NaN without a validation set). */
    public double validationAfter() {
        return validation.isEmpty() ? Double.NaN : validation.get(validation.size() - 1)[1];
    }

    /** Mean of the last k step losses. */
    public double finalLoss(int k) {
        int n = losses.size();
        if (n == 0) {
            return Double.NaN;
        }
        double s = 0;
        int from = Math.max(0, n - k);
        for (int i = from; i < n; i++) {
            s += losses.get(i);
        }
        return s / (n - from);
    }
}

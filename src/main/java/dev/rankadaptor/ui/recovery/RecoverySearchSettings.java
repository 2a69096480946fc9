package dev.rankadaptor.ui.recovery;

import dev.rankadaptor.common.Check;
import dev.rankadaptor.common.InvalidFieldException;

import java.util.List;
import java.util.Set;

/**
 * The Recovery &amp; Search form's values, validated with field names matching the project file,
 * so the lead can map them one-to-one onto the experiment package's project record.
 *
 * @param alphaRule "2r" (alpha = 2 * rank, constant scale) or "fixed" (alpha = {@code alpha})
 * @param convergenceThreshold |predicted - measured| that counts towards convergence; 0 = the measured noise of one trial
 * @param parameterBudget trainable LoRA parameters allowed, as a fraction of uniform LoRA at the base rank; 0 = none
 */
public record RecoverySearchSettings(Set<String> loraTargets, List<Integer> candidateRanks, int baseRank,
                                     String alphaRule, double alpha, double learningRate, int epochs, int microBatch,
                                     List<Integer> hiddenSizes, int candidatesPerIteration, int initialTrials,
                                     int maxTrials, double convergenceThreshold, int convergencePatience,
                                     int repeats, long seed, String device, double parameterBudget) {
    public static final Set<String> ALL_TARGETS = Set.of("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj");

    public RecoverySearchSettings {
        if (loraTargets == null || loraTargets.isEmpty() || !ALL_TARGETS.containsAll(loraTargets)) {
            throw new InvalidFieldException("recovery.loraTargets", "choose at least one of " + ALL_TARGETS);
        }
        if (candidateRanks == null || candidateRanks.size() < 2) {
            throw new InvalidFieldException("search.candidateRanks", "needs at least two ranks, e.g. 2,4,6,8,10,12");
        }
        for (int r : candidateRanks) {
            Check.inRange("search.candidateRanks", r, 1, 1024);
        }
        Check.inRange("recovery.baseRank", baseRank, 1, 1024);
        if (!alphaRule.equals("2r") && !alphaRule.equals("fixed") && !alphaRule.equals("rslora")) {
            throw new InvalidFieldException("recovery.alphaRule", "must be '2r', 'fixed' or 'rslora', was " + alphaRule);
        }
        Check.positive("recovery.alpha", alpha);
        Check.inRange("recovery.learningRate", learningRate, 1e-7, 1.0);
        Check.inRange("recovery.epochs", epochs, 1, 1000);
        Check.inRange("recovery.microBatch", microBatch, 1, 4096);
        if (hiddenSizes == null || hiddenSizes.isEmpty()) {
            throw new InvalidFieldException("search.hiddenSizes", "needs at least one hidden layer, e.g. 32-32-32");
        }
        for (int h : hiddenSizes) {
            Check.inRange("search.hiddenSizes", h, 1, 4096);
        }
        Check.inRange("search.candidatesPerIteration", candidatesPerIteration, 1, 10_000_000);
        Check.inRange("search.initialTrials", initialTrials, 1, 100_000);
        Check.inRange("search.maxTrials", maxTrials, Math.max(1, initialTrials), 100_000);
        if (!(convergenceThreshold >= 0) || Double.isInfinite(convergenceThreshold)) {
            throw new InvalidFieldException("search.convergenceThreshold", "must be >= 0 (0 = the measured noise), was " + convergenceThreshold);
        }
        if (!(parameterBudget >= 0) || Double.isInfinite(parameterBudget)) {
            throw new InvalidFieldException("search.parameterBudget",
                    "must be >= 0 (fraction of uniform LoRA's trainable parameters; 0 = no budget), was " + parameterBudget);
        }
        Check.inRange("search.convergencePatience", convergencePatience, 1, 1000);
        Check.inRange("search.repeats", repeats, 1, 100);
        if (device == null || !(device.equals("cpu") || device.matches("cuda(:\\d+)?"))) {
            throw new InvalidFieldException("device", "must be 'cpu', 'cuda' or 'cuda:N', was " + device);
        }
        loraTargets = Set.copyOf(loraTargets);
        candidateRanks = List.copyOf(candidateRanks);
        hiddenSizes = List.copyOf(hiddenSizes);
    }
}

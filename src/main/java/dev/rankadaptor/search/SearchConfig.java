package dev.rankadaptor.search;

import dev.rankadaptor.common.InvalidFieldException;

/**
 * Settings of the model-guided search (paper §3.3). Scores are in whatever unit the
 * {@link TrialRunner} reports; {@link #convergenceThreshold} is in the same unit. The default
 * threshold 0.5 assumes percent points (accuracy averages such as 63.2), which is about the
 * run-to-run noise of the 7-task average (reference-facts §1).
 *
 * @param initialTrials          random trials before the first fit when there is no trial bank (paper reimplementation: 8)
 * @param bankInitialTrials      random trials before the first fit when a meta-learned model exists (fixes the target scale)
 * @param candidatesPerIteration M rank vectors sampled lazily and scored by the model per iteration
 * @param explorationEpsilon     probability that an iteration runs a random candidate instead of the best predicted (0 = paper)
 * @param maxTrials              trial budget, initial trials included
 * @param convergenceThreshold   |predicted - measured| below this counts towards convergence (score units)
 * @param convergencePatience    consecutive model-guided trials under the threshold needed to stop
 * @param timeBudgetSeconds      wall-clock budget of one run() call, checked between trials; 0 = none
 * @param seed                   run seed; every random stream derives from (seed, trial index)
 * @param model                  performance-model hyper-parameters
 * @param refit                  how the model learns from each new measurement
 * @param metaEpochs             full-batch epochs of pretraining on a trial bank
 * @param importanceSamples      random vectors used for the per-layer importance shown after each update
 * @param noiseTrials            re-measurements of the first initial configuration with other trial seeds, run right
 *                               after the initial trials; their spread is the noise of one trial (0 = none)
 * @param pickCandidates         candidates the converged model predicts when it picks R* after the loop ({@link ModelPick})
 *
 * <p>{@code convergenceThreshold} 0 means "the measured noise": the sample std of the first initial
 * configuration's measurements (the trial itself and its {@code noiseTrials} re-measurements), see
 * {@link #thresholdFromNoise()}.
 */
public record SearchConfig(int initialTrials, int bankInitialTrials, int candidatesPerIteration, double explorationEpsilon,
                           int maxTrials, double convergenceThreshold, int convergencePatience, long timeBudgetSeconds,
                           long seed, ModelConfig model, RefitMode refit, int metaEpochs, int importanceSamples,
                           int noiseTrials, int pickCandidates) {
    /** Candidates predicted for the model's pick when a caller does not say (16 iterations' worth at the default M). */
    public static final int DEFAULT_PICK_CANDIDATES = 65_536;
    /** How the model is updated after each measurement. */
    public enum RefitMode {
        /** Continue from the current weights for {@link ModelConfig#updateEpochs()} on all data (paper: online incremental learning). */
        INCREMENTAL,
        /** Restart from the initial (or meta-learned) weights and train on all data each time. */
        FROM_SCRATCH
    }

    public SearchConfig {
        check("initialTrials", initialTrials, 1, 100_000);
        check("bankInitialTrials", bankInitialTrials, 1, 100_000);
        check("candidatesPerIteration", candidatesPerIteration, 1, 10_000_000);
        if (!(explorationEpsilon >= 0 && explorationEpsilon <= 1)) {
            throw new InvalidFieldException("explorationEpsilon", "must be in [0, 1], was " + explorationEpsilon);
        }
        check("maxTrials", maxTrials, 1, 1_000_000);
        if (!(convergenceThreshold >= 0) || Double.isInfinite(convergenceThreshold)) {
            throw new InvalidFieldException("convergenceThreshold", "must be a finite number >= 0 (score units; 0 = measured noise), was " + convergenceThreshold);
        }
        check("noiseTrials", noiseTrials, 0, 1000);
        if (convergenceThreshold == 0 && noiseTrials < 1) {
            throw new InvalidFieldException("noiseTrials", "must be >= 1 when the convergence threshold is the measured noise (0)");
        }
        check("pickCandidates", pickCandidates, 1, 10_000_000);
        check("convergencePatience", convergencePatience, 1, 100_000);
        if (timeBudgetSeconds < 0) {
            throw new InvalidFieldException("timeBudgetSeconds", "must be >= 0 (0 = no budget), was " + timeBudgetSeconds);
        }
        if (model == null) {
            throw new InvalidFieldException("model", "is required");
        }
        if (refit == null) {
            throw new InvalidFieldException("refit", "must be INCREMENTAL or FROM_SCRATCH");
        }
        check("metaEpochs", metaEpochs, 1, 100_000);
        check("importanceSamples", importanceSamples, 1, 100_000);
    }

    /** Settings without noise trials and with the default pick sample (the threshold must then be > 0). */
    public SearchConfig(int initialTrials, int bankInitialTrials, int candidatesPerIteration, double explorationEpsilon,
                        int maxTrials, double convergenceThreshold, int convergencePatience, long timeBudgetSeconds,
                        long seed, ModelConfig model, RefitMode refit, int metaEpochs, int importanceSamples) {
        this(initialTrials, bankInitialTrials, candidatesPerIteration, explorationEpsilon, maxTrials, convergenceThreshold,
                convergencePatience, timeBudgetSeconds, seed, model, refit, metaEpochs, importanceSamples, 0,
                DEFAULT_PICK_CANDIDATES);
    }

    /** True when the convergence threshold is the noise measured by the noise trials. */
    public boolean thresholdFromNoise() {
        return convergenceThreshold == 0;
    }

    private static void check(String field, int v, int min, int max) {
        if (v < min || v > max) {
            throw new InvalidFieldException(field, "must be in [" + min + ", " + max + "], was " + v);
        }
    }

    /** Paper-style defaults: 8 random trials, 4096 candidates, 40 trials, threshold 0.5 points for 2 trials. */
    public static SearchConfig defaults(long seed) {
        return new SearchConfig(8, 2, 4096, 0.0, 40, 0.5, 2, 0, seed, ModelConfig.defaults(),
                RefitMode.INCREMENTAL, 300, 64, 0, DEFAULT_PICK_CANDIDATES);
    }

    public SearchConfig withMaxTrials(int n) {
        return new SearchConfig(initialTrials, bankInitialTrials, candidatesPerIteration, explorationEpsilon, n,
                convergenceThreshold, convergencePatience, timeBudgetSeconds, seed, model, refit, metaEpochs, importanceSamples, noiseTrials, pickCandidates);
    }

    public SearchConfig withSeed(long s) {
        return new SearchConfig(initialTrials, bankInitialTrials, candidatesPerIteration, explorationEpsilon, maxTrials,
                convergenceThreshold, convergencePatience, timeBudgetSeconds, s, model, refit, metaEpochs, importanceSamples, noiseTrials, pickCandidates);
    }

    public SearchConfig withModel(ModelConfig m) {
        return new SearchConfig(initialTrials, bankInitialTrials, candidatesPerIteration, explorationEpsilon, maxTrials,
                convergenceThreshold, convergencePatience, timeBudgetSeconds, seed, m, refit, metaEpochs, importanceSamples, noiseTrials, pickCandidates);
    }

    public SearchConfig withCandidates(int m) {
        return new SearchConfig(initialTrials, bankInitialTrials, m, explorationEpsilon, maxTrials,
                convergenceThreshold, convergencePatience, timeBudgetSeconds, seed, model, refit, metaEpochs, importanceSamples, noiseTrials, pickCandidates);
    }

    /** Threshold 0 = the measured noise of {@code trials} re-measurements of the first initial configuration. */
    public SearchConfig withNoise(double threshold, int trials) {
        return new SearchConfig(initialTrials, bankInitialTrials, candidatesPerIteration, explorationEpsilon, maxTrials,
                threshold, convergencePatience, timeBudgetSeconds, seed, model, refit, metaEpochs, importanceSamples, trials, pickCandidates);
    }

    public SearchConfig withConvergence(double threshold, int patience) {
        return new SearchConfig(initialTrials, bankInitialTrials, candidatesPerIteration, explorationEpsilon, maxTrials,
                threshold, patience, timeBudgetSeconds, seed, model, refit, metaEpochs, importanceSamples, noiseTrials, pickCandidates);
    }
}

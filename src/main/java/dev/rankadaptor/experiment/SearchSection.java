package dev.rankadaptor.experiment;

import dev.rankadaptor.common.InvalidFieldException;
import dev.rankadaptor.recover.LoraConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * The project file's {@code search} section: the RankAdaptor loop (performance model, candidate
 * sampling, convergence) and the statistics around it (repeats and their seeds). The paper leaves
 * most of these open; the defaults are documented in docs/project-file.md.
 *
 * @param candidateRanks          ranks a prunable layer may get; distinct, 1..{@link LoraConfig#MAX_RANK}, stored ascending
 * @param hiddenSizes             performance-model hidden layer widths (output is 1)
 * @param activation              performance-model activation: relu or tanh
 * @param initialRandomTrials     random trials before the model leads (when no trial bank is given)
 * @param candidatesPerIteration  random rank vectors predicted per iteration (sampled, never enumerated)
 * @param explorationPicks        k: each model-guided trial is a random candidate instead of the best predicted one
 *                                with probability min(0.5, k / 10) (0 = the paper's pure exploitation)
 * @param maxTrials               search trials in total (initial + iterations; baselines and repeats not counted)
 * @param convergenceThreshold    |predicted - actual| below this (score units, 0..1) counts towards convergence;
 *                                0 = the measured noise of one search trial (from the noise trials)
 * @param convergenceConsecutive  consecutive trials under the threshold that end the search
 * @param timeBudgetMinutes       wall-clock budget of the search phase; 0 = none
 * @param repeats                 seeds each final configuration and baseline is re-run with (R)
 * @param seeds                   the R repeat seeds; empty = project seed, seed + 1, ...
 * @param trialBank               journals or run folders of earlier runs for meta-learning (relative or absolute)
 * @param targetScore             "average" or one evaluation task id
 * @param noiseTrials             re-measurements (other seeds) of the first initial configuration, right after the
 *                                initial trials; they measure the noise of one trial
 * @param pickCandidates          configurations the converged model predicts to pick R* after the search
 * @param parameterBudget         trainable LoRA parameters allowed, as a fraction of uniform LoRA at the base rank on the
 *                                pruned model (1.0 = at most uniform LoRA's count); 0 = no budget
 */
public record SearchSection(List<Integer> candidateRanks, List<Integer> hiddenSizes, String activation,
                            int initialRandomTrials, int candidatesPerIteration, int explorationPicks, int maxTrials,
                            double convergenceThreshold, int convergenceConsecutive, double timeBudgetMinutes,
                            int repeats, List<Long> seeds, List<String> trialBank, String targetScore,
                            int noiseTrials, int pickCandidates, double parameterBudget) {
    /** Default of {@link #noiseTrials}: two re-measurements, so the noise estimate has 2 degrees of freedom. */
    public static final int DEFAULT_NOISE_TRIALS = 2;
    /** Default of {@link #pickCandidates}. */
    public static final int DEFAULT_PICK_CANDIDATES = 65_536;
    public static final List<String> ACTIVATIONS = List.of("relu", "tanh");
    public static final String AVERAGE = "average";

    public SearchSection {
        candidateRanks = Fields.nonEmptyList("search.candidate_ranks", candidateRanks);
        for (int i = 0; i < candidateRanks.size(); i++) {
            Fields.between("search.candidate_ranks[" + i + "]", candidateRanks.get(i), 1, LoraConfig.MAX_RANK);
        }
        Fields.distinct("search.candidate_ranks", candidateRanks);
        List<Integer> sorted = new ArrayList<>(candidateRanks);
        sorted.sort(null);
        candidateRanks = List.copyOf(sorted);
        hiddenSizes = Fields.nonEmptyList("search.hidden_sizes", hiddenSizes);
        for (int i = 0; i < hiddenSizes.size(); i++) {
            Fields.between("search.hidden_sizes[" + i + "]", hiddenSizes.get(i), 1, 4096);
        }
        activation = Fields.oneOf("search.activation", activation, ACTIVATIONS);
        if (initialRandomTrials < 1) {
            throw new InvalidFieldException("search.initial_random_trials", "must be >= 1 (the performance model needs at least "
                    + "one measured trial before it can lead, also after meta-learning from a trial bank), was " + initialRandomTrials);
        }
        Fields.atLeast("search.candidates_per_iteration", candidatesPerIteration, 1);
        Fields.atLeast("search.exploration_picks", explorationPicks, 0);
        Fields.atLeast("search.max_trials", maxTrials, 1);
        if (initialRandomTrials > maxTrials) {
            throw new InvalidFieldException("search.initial_random_trials",
                    "must be <= search.max_trials (" + maxTrials + "), was " + initialRandomTrials);
        }
        Fields.atLeast("search.convergence_threshold", convergenceThreshold, 0.0);
        Fields.atLeast("search.noise_trials", noiseTrials, 0);
        if (convergenceThreshold == 0 && noiseTrials < 1) {
            throw new InvalidFieldException("search.noise_trials",
                    "must be >= 1 when search.convergence_threshold is 0 (the measured noise), was " + noiseTrials);
        }
        Fields.between("search.pick_candidates", pickCandidates, 1, 10_000_000);
        Fields.atLeast("search.parameter_budget", parameterBudget, 0.0);
        Fields.atLeast("search.convergence_consecutive", convergenceConsecutive, 1);
        Fields.atLeast("search.time_budget_minutes", timeBudgetMinutes, 0.0);
        Fields.atLeast("search.repeats", repeats, 1);
        seeds = Fields.list("search.seeds", seeds);
        Fields.distinct("search.seeds", seeds);
        if (!seeds.isEmpty() && seeds.size() != repeats) {
            throw new InvalidFieldException("search.seeds",
                    "must list exactly search.repeats (" + repeats + ") seeds or none, had " + seeds.size());
        }
        trialBank = Fields.list("search.trial_bank", trialBank);
        for (int i = 0; i < trialBank.size(); i++) {
            Fields.required("search.trial_bank[" + i + "]", trialBank.get(i));
        }
        targetScore = Fields.required("search.target_score", targetScore).toLowerCase(java.util.Locale.ROOT);
    }

    /** The fields before noise trials, the model's pick and the parameter budget; those take their defaults. */
    public SearchSection(List<Integer> candidateRanks, List<Integer> hiddenSizes, String activation,
                         int initialRandomTrials, int candidatesPerIteration, int explorationPicks, int maxTrials,
                         double convergenceThreshold, int convergenceConsecutive, double timeBudgetMinutes,
                         int repeats, List<Long> seeds, List<String> trialBank, String targetScore) {
        this(candidateRanks, hiddenSizes, activation, initialRandomTrials, candidatesPerIteration, explorationPicks, maxTrials,
                convergenceThreshold, convergenceConsecutive, timeBudgetMinutes, repeats, seeds, trialBank, targetScore,
                DEFAULT_NOISE_TRIALS, DEFAULT_PICK_CANDIDATES, 1.0);
    }

    /** A copy with another target score (everything else kept). */
    public SearchSection withTargetScore(String target) {
        return new SearchSection(candidateRanks, hiddenSizes, activation, initialRandomTrials, candidatesPerIteration,
                explorationPicks, maxTrials, convergenceThreshold, convergenceConsecutive, timeBudgetMinutes, repeats, seeds,
                trialBank, target, noiseTrials, pickCandidates, parameterBudget);
    }

    /** A copy with another parameter budget (fraction of uniform LoRA; 0 = none). */
    public SearchSection withParameterBudget(double budget) {
        return new SearchSection(candidateRanks, hiddenSizes, activation, initialRandomTrials, candidatesPerIteration,
                explorationPicks, maxTrials, convergenceThreshold, convergenceConsecutive, timeBudgetMinutes, repeats, seeds,
                trialBank, targetScore, noiseTrials, pickCandidates, budget);
    }

    /**
     * A copy with the fields the Recovery &amp; Search panel edits replaced (everything else kept);
     * the one place those edits are turned into a section, so the panel's copies below stay one line each.
     */
    private SearchSection edited(List<Integer> ranks, List<Integer> hidden, int initial, int candidates, int max,
                                 double threshold, int consecutive, int newRepeats, List<Long> newSeeds, int noise) {
        return new SearchSection(ranks, hidden, activation, initial, candidates, explorationPicks, max, threshold,
                consecutive, timeBudgetMinutes, newRepeats, newSeeds, trialBank, targetScore, noise, pickCandidates,
                parameterBudget);
    }

    public SearchSection withCandidateRanks(List<Integer> ranks) {
        return edited(ranks, hiddenSizes, initialRandomTrials, candidatesPerIteration, maxTrials, convergenceThreshold,
                convergenceConsecutive, repeats, seeds, noiseTrials);
    }

    public SearchSection withHiddenSizes(List<Integer> hidden) {
        return edited(candidateRanks, hidden, initialRandomTrials, candidatesPerIteration, maxTrials, convergenceThreshold,
                convergenceConsecutive, repeats, seeds, noiseTrials);
    }

    public SearchSection withInitialRandomTrials(int initial) {
        return edited(candidateRanks, hiddenSizes, initial, candidatesPerIteration, maxTrials, convergenceThreshold,
                convergenceConsecutive, repeats, seeds, noiseTrials);
    }

    public SearchSection withCandidatesPerIteration(int candidates) {
        return edited(candidateRanks, hiddenSizes, initialRandomTrials, candidates, maxTrials, convergenceThreshold,
                convergenceConsecutive, repeats, seeds, noiseTrials);
    }

    public SearchSection withMaxTrials(int max) {
        return edited(candidateRanks, hiddenSizes, initialRandomTrials, candidatesPerIteration, max, convergenceThreshold,
                convergenceConsecutive, repeats, seeds, noiseTrials);
    }

    /** A copy with another threshold; a threshold of 0 (the measured noise) brings the default noise trials if there were none. */
    public SearchSection withConvergenceThreshold(double threshold) {
        int noise = threshold == 0 && noiseTrials == 0 ? DEFAULT_NOISE_TRIALS : noiseTrials;
        return edited(candidateRanks, hiddenSizes, initialRandomTrials, candidatesPerIteration, maxTrials, threshold,
                convergenceConsecutive, repeats, seeds, noise);
    }

    public SearchSection withConvergenceConsecutive(int consecutive) {
        return edited(candidateRanks, hiddenSizes, initialRandomTrials, candidatesPerIteration, maxTrials, convergenceThreshold,
                consecutive, repeats, seeds, noiseTrials);
    }

    /** A copy with another repeat count R; listed seeds are kept only when there are R of them (else project seed, +1, ...). */
    public SearchSection withRepeats(int newRepeats) {
        return edited(candidateRanks, hiddenSizes, initialRandomTrials, candidatesPerIteration, maxTrials, convergenceThreshold,
                convergenceConsecutive, newRepeats, seeds.size() == newRepeats ? seeds : List.of(), noiseTrials);
    }

    /** True when the convergence threshold is the measured noise of one trial. */
    public boolean thresholdFromNoise() {
        return convergenceThreshold == 0;
    }

    /**
     * Preset "none"'s search (the paper preset uses candidate ranks {2,4,...,12}, see {@link Preset}):
     * candidate ranks {2..12}, MLP 32-32-32 ReLU, 8 random trials, 2048 candidates, 24 trials, threshold = measured
     * noise (2 noise trials) x 3, 3 repeats, model's pick among 65,536, at most uniform LoRA's parameters.
     */
    public static SearchSection defaults() {
        return new SearchSection(List.of(2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), List.of(32, 32, 32), "relu",
                8, 2048, 0, 24, 0.0, 3, 0.0, 3, List.of(), List.of(), AVERAGE, DEFAULT_NOISE_TRIALS, DEFAULT_PICK_CANDIDATES, 1.0);
    }

    /** The R seeds of the repeats: the listed ones, or projectSeed, projectSeed + 1, ... */
    public long[] repeatSeeds(long projectSeed) {
        long[] out = new long[repeats];
        for (int i = 0; i < repeats; i++) {
            out[i] = seeds.isEmpty() ? projectSeed + i : seeds.get(i);
        }
        return out;
    }

    /** True when the target is the mean over the evaluation tasks. */
    public boolean targetsAverage() {
        return AVERAGE.equals(targetScore);
    }

    /** The time budget in milliseconds, or Long.MAX_VALUE when there is none. */
    public long timeBudgetMillis() {
        return timeBudgetMinutes <= 0 ? Long.MAX_VALUE : (long) (timeBudgetMinutes * 60_000.0);
    }
}

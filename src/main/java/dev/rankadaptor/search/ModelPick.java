package dev.rankadaptor.search;

import java.util.Arrays;
import java.util.List;

/**
 * The paper's Convergence phase (§3.3): once the search has stopped, the converged performance model
 * predicts a large sample of candidates ({@link SearchConfig#pickCandidates()}, drawn within the parameter
 * budget) together with every measured configuration, and the best predicted one is R*. R* is then
 * measured like a search trial (phase PICK, the next trial index and its seed), so the report can put
 * "the model's pick" beside "the best measured trial": the best of many noisy measurements is biased
 * upwards (the winner's curse), the model's prediction averages over neighbours, and the repeats decide.
 *
 * <p>Deterministic: the sample comes from the stream (seed, trial count, {@link #PURPOSE}) and the
 * model is the search's final state, itself a pure function of the journalled trials.
 */
public final class ModelPick {
    /** Seed-stream purpose of the pick's candidate sample. */
    public static final long PURPOSE = 0x5049434BL;

    private ModelPick() {
    }

    /**
     * The chosen configuration.
     *
     * @param ranks        R*, ranks of the prunable layers
     * @param predicted    the model's prediction for it
     * @param measuredFrom index of the measured trial with the same ranks, -1 when R* was not measured before
     * @param candidates   how many configurations were predicted (sample + measured)
     */
    public record Pick(int[] ranks, double predicted, int measuredFrom, int candidates) {
        public Pick {
            ranks = ranks.clone();
        }

        @Override
        public int[] ranks() {
            return ranks.clone();
        }
    }

    /** R* of a finished search; null when the search never fitted a model. */
    public static Pick choose(RankSpace space, SearchConfig config, ParameterBudget budget, SearchResult result) {
        if (result.model() == null || result.trials().isEmpty()) {
            return null;
        }
        List<TrialRecord> trials = result.trials();
        int m = config.pickCandidates();
        int l = space.layers();
        int[] flat = budget.sampleFlat(space, SeedStreams.stream(config.seed(), trials.size(), PURPOSE), m);
        try (PerformanceModel model = new PerformanceModel(space, config.model(), config.seed())) {
            model.load(result.model());
            double[] sampled = model.predictFlat(flat, m);
            double[] known = model.predict(trials.stream().map(TrialRecord::ranks).toList());
            int bestMeasured = -1;
            for (int i = 0; i < known.length; i++) {
                if (budget.fits(trials.get(i).ranks()) && (bestMeasured < 0 || known[i] > known[bestMeasured])) {
                    bestMeasured = i;
                }
            }
            int bestSampled = 0;
            for (int i = 1; i < m; i++) {
                if (sampled[i] > sampled[bestSampled]) {
                    bestSampled = i;
                }
            }
            int[] ranks;
            double predicted;
            if (bestMeasured >= 0 && known[bestMeasured] >= sampled[bestSampled]) {
                ranks = trials.get(bestMeasured).ranks();
                predicted = known[bestMeasured];
            } else {
                ranks = Arrays.copyOfRange(flat, bestSampled * l, (bestSampled + 1) * l);
                predicted = sampled[bestSampled];
            }
            int from = -1;
            for (TrialRecord t : trials) {
                if (Arrays.equals(t.ranks(), ranks)) {
                    from = t.index();
                    break;
                }
            }
            return new Pick(ranks, predicted, from, m + trials.size());
        }
    }

    /**
     * Measures R* as trial {@code index} (normally the search's trial count) with that index's trial seed;
     * null when cancelled. Listener events are those of any trial, with phase PICK.
     */
    public static TrialRecord measure(RankSpace space, long seed, Pick pick, int index, TrialRunner runner,
                                      SearchListener listener, SearchControl control) {
        TrialExecutor exec = new TrialExecutor(space, seed, List.of(), runner, listener, control);
        return exec.execute(index, TrialPhase.PICK, pick.ranks(), pick.predicted());
    }
}

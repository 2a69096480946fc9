package dev.rankadaptor.search;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One iteration's candidates, as both search loops draw them: M rank vectors from the trial's
 * candidate stream (within the parameter budget), the performance model's prediction of each, and
 * the epsilon-exploration draw from the trial's exploration stream. Which candidate wins beyond
 * that is the loop's own rule (sequential: best unmeasured; asynchronous: also far from pending).
 */
final class CandidateBatch {
    private final int[] flat;
    private final double[] predicted;
    private final int layers;
    private final int explorationPick;

    private CandidateBatch(int[] flat, double[] predicted, int layers, int explorationPick) {
        this.flat = flat;
        this.predicted = predicted;
        this.layers = layers;
        this.explorationPick = explorationPick;
    }

    /** Draws and scores the candidates of trial {@code index}. */
    static CandidateBatch draw(RankSpace space, ParameterBudget budget, SearchConfig config, PerformanceModel model, int index) {
        int m = config.candidatesPerIteration();
        int[] flat = budget.sampleFlat(space, SeedStreams.stream(config.seed(), index, SeedStreams.CANDIDATES), m);
        double[] p = model.predictFlat(flat, m);
        SplittableRandom explore = SeedStreams.stream(config.seed(), index, SeedStreams.EXPLORATION);
        int pick = -1;
        if (config.explorationEpsilon() > 0 && explore.nextDouble() < config.explorationEpsilon()) {
            pick = explore.nextInt(m);
        }
        return new CandidateBatch(flat, p, space.layers(), pick);
    }

    /** How many candidates there are. */
    int size() {
        return predicted.length;
    }

    /** The exploration pick, or -1 when this iteration exploits. */
    int explorationPick() {
        return explorationPick;
    }

    /** The candidate with the highest prediction (the fallback when every candidate is excluded). */
    int argmax() {
        int pick = 0;
        for (int i = 1; i < predicted.length; i++) {
            if (predicted[i] > predicted[pick]) {
                pick = i;
            }
        }
        return pick;
    }

    int[] ranks(int i) {
        return Arrays.copyOfRange(flat, i * layers, (i + 1) * layers);
    }

    double predicted(int i) {
        return predicted[i];
    }
}

package dev.rankadaptor.ui.bench;

import dev.rankadaptor.search.TrialPhase;
import dev.rankadaptor.ui.trials.TrialRow;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generated trials for scale tests, the UI benchmark and clearly-labelled demo screenshots: ranks
 * drawn from {2, 4, ..., 12}, a known smooth score function of the ranks plus Gaussian noise, and a
 * "prediction" equal to the noiseless score plus a smaller error. Never shown as real results.
 */
public final class SyntheticTrials {
    private static final int[] CANDIDATES = {2, 4, 6, 8, 10, 12};

    private SyntheticTrials() {
    }

    public static List<TrialRow> generate(int layers, int count, long seed) {
        Random rnd = new Random(seed);
        List<TrialRow> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(next(i, layers, rnd));
        }
        return out;
    }

    /** One trial at position {@code index}: the first 8 are "initial", the rest "search". */
    public static TrialRow next(int index, int layers, Random rnd) {
        int[] ranks = new int[layers];
        double truth = 0.5;
        for (int l = 0; l < layers; l++) {
            ranks[l] = CANDIDATES[rnd.nextInt(CANDIDATES.length)];
            double target = 4 + 8.0 * l / Math.max(1, layers - 1);
            truth -= 0.02 * Math.abs(ranks[l] - target) / layers;
        }
        double measured = truth + 0.004 * rnd.nextGaussian();
        boolean initial = index < 8;
        double predicted = initial ? Double.NaN : truth + 0.003 * rnd.nextGaussian();
        double[] tasks = new double[7];
        for (int t = 0; t < tasks.length; t++) {
            tasks[t] = measured + 0.03 * rnd.nextGaussian();
        }
        return new TrialRow(index, (initial ? TrialPhase.INITIAL : TrialPhase.SEARCH).id(), ranks, predicted, measured, tasks);
    }
}

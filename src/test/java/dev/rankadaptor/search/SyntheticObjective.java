package dev.rankadaptor.search;

import dev.rankadaptor.common.CancellationToken;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * A fast stand-in for LoRA recovery with a known optimum:
 * score = top - sum_i w_i (r_i - r*_i)^2 / scale + N(0, noise), noise seeded by the trial seed.
 */
final class SyntheticObjective implements TrialRunner {
    final int[] optimum;
    final double[] weights;
    final double top;
    final double scale;
    final double noise;
    int calls;

    SyntheticObjective(RankSpace space, long seed, double noise) {
        SplittableRandom rnd = new SplittableRandom(seed);
        optimum = space.sample(rnd);
        weights = new double[space.layers()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = 0.25 + 1.5 * rnd.nextDouble();
        }
        top = 60;
        scale = space.layers();
        this.noise = noise;
    }

    double expected(int[] ranks) {
        double s = top;
        for (int i = 0; i < ranks.length; i++) {
            double d = ranks[i] - optimum[i];
            s -= weights[i] * d * d / scale;
        }
        return s;
    }

    @Override
    public TrialOutcome run(int[] ranks, long seed, CancellationToken token) {
        token.throwIfCancelled();
        calls++;
        double e = expected(ranks);
        double score = e + noise * new SplittableRandom(seed).nextGaussian();
        return new TrialOutcome(score, Map.of("synthetic", score));
    }
}

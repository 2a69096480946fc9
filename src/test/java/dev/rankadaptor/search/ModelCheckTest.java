package dev.rankadaptor.search;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelCheckTest {
    private static final RankSpace SPACE = new RankSpace(6, RankSpace.PAPER_CANDIDATES);
    private static final ModelConfig MODEL = ModelConfig.defaults().withEpochs(150, 50);

    private static List<int[]> sample(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(SPACE.sample(rnd));
        }
        return out;
    }

    @Test
    void identicalConfigurationsAlwaysShareAFold() {
        List<int[]> ranks = new ArrayList<>(sample(20, 1));
        for (int i = 0; i < 10; i++) {
            ranks.add(ranks.get(i * 2).clone());
        }
        int[] folds = ModelCheck.folds(ranks, 5, 7);
        Map<String, Integer> foldOf = new HashMap<>();
        for (int i = 0; i < ranks.size(); i++) {
            Integer prev = foldOf.putIfAbsent(Arrays.toString(ranks.get(i)), folds[i]);
            if (prev != null) {
                assertEquals(prev, folds[i], "trial " + i + " repeats a configuration held out in another fold");
            }
        }
        assertEquals(5, Arrays.stream(folds).distinct().count(), "all five folds are used");
    }

    @Test
    void aSignalIsFoundAndShuffledScoresGiveNoHeldOutCorrelation() {
        SyntheticObjective truth = new SyntheticObjective(SPACE, 3, 0.0);
        List<int[]> ranks = sample(60, 11);
        double[] scores = ranks.stream().mapToDouble(truth::expected).toArray();
        PredictivePower.CrossValidation real = ModelCheck.crossValidate(SPACE, MODEL, 5, ranks, scores, 5);
        assertTrue(real.models().get(PredictivePower.MLP).spearman() > 0.5, "real signal: " + real);
        assertTrue(real.models().get(PredictivePower.RIDGE).spearman() > 0.2, "ridge sees the linear part: " + real);
        double sumMlp = 0;
        double sumRidge = 0;
        int shuffles = 6;
        for (int s = 0; s < shuffles; s++) {
            double[] shuffled = scores.clone();
            SplittableRandom rnd = new SplittableRandom(100 + s);
            for (int i = shuffled.length - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                double t = shuffled[i];
                shuffled[i] = shuffled[j];
                shuffled[j] = t;
            }
            PredictivePower.CrossValidation cv = ModelCheck.crossValidate(SPACE, MODEL, 5, ranks, shuffled, 5);
            sumMlp += cv.models().get(PredictivePower.MLP).spearman();
            sumRidge += cv.models().get(PredictivePower.RIDGE).spearman();
        }
        assertEquals(0.0, sumMlp / shuffles, 0.15, "shuffled scores: held-out Spearman of the MLP");
        // ridge then picks the strongest penalty and predicts almost the fold mean, which under cross-validation
        // is anti-correlated with the held-out scores (the mean baseline's artifact): never a spurious positive
        assertTrue(sumRidge / shuffles < 0.15, "shuffled scores: held-out Spearman of ridge " + sumRidge / shuffles);
    }

    @Test
    void noiseCeilingComesFromRepeatedConfigurations() {
        List<int[]> ranks = List.of(new int[]{2, 2, 2, 2, 2, 2}, new int[]{2, 2, 2, 2, 2, 2}, new int[]{4, 4, 4, 4, 4, 4},
                new int[]{4, 4, 4, 4, 4, 4}, new int[]{6, 6, 6, 6, 6, 6});
        double[] scores = {0.50, 0.52, 0.60, 0.62, 0.70};
        PredictivePower.NoiseCeiling n = ModelCheck.noise(ranks, scores);
        // two groups, each with SS = 2 * 0.01^2, pooled over 2 degrees of freedom: std = 0.01 * sqrt(2)
        assertEquals(0.01 * Math.sqrt(2), n.std(), 1e-12);
        assertEquals(2, n.degreesOfFreedom());
        double var = Math.pow(NoiseStats.std(scores), 2);
        assertEquals(Math.sqrt(1 - n.std() * n.std() / var), n.correlationCeiling(), 1e-12);
        assertTrue(Double.isNaN(ModelCheck.noise(ranks.subList(0, 1), new double[]{0.5}).std()));
    }
}

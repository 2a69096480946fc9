package dev.rankadaptor.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Measures the performance model's predictive power on a set of trials ({@link PredictivePower}).
 * Cross-validation: the distinct configurations are shuffled with a seeded stream and dealt to k folds,
 * so repeated measurements of one configuration are never split between training and held-out data
 * (that would let a model "predict" a configuration it has seen). For each fold the MLP is trained from
 * its seeded initial weights for {@link ModelConfig#fitEpochs()} on the other folds (as the search's first
 * fit), the mean baseline predicts the training mean, and ridge is fitted as {@link RidgeBaseline}. The
 * held-out predictions of all folds are pooled and compared with the measurements. Note that the mean
 * baseline's pooled rank correlation is not 0 but usually negative (a fold's mean is lower when it holds
 * out high scores): that is what "no information" looks like under cross-validation.
 */
public final class ModelCheck {
    /** Default number of folds. */
    public static final int DEFAULT_FOLDS = 5;
    /** Purpose of the fold shuffle's stream. */
    static final long FOLDS = 0x464F4C44L;

    private ModelCheck() {
    }

    /** Fold of every trial; trials with identical ranks share a fold. */
    public static int[] folds(List<int[]> ranks, int k, long seed) {
        Map<String, Integer> groupOf = new LinkedHashMap<>();
        int[] group = new int[ranks.size()];
        for (int i = 0; i < group.length; i++) {
            group[i] = groupOf.computeIfAbsent(Arrays.toString(ranks.get(i)), key -> groupOf.size());
        }
        int g = groupOf.size();
        int[] order = new int[g];
        for (int i = 0; i < g; i++) {
            order[i] = i;
        }
        SplittableRandom rnd = SeedStreams.stream(seed, 0, FOLDS);
        for (int i = g - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int folds = Math.max(1, Math.min(k, g));
        int[] foldOfGroup = new int[g];
        for (int pos = 0; pos < g; pos++) {
            foldOfGroup[order[pos]] = pos % folds;
        }
        int[] out = new int[group.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = foldOfGroup[group[i]];
        }
        return out;
    }

    /** k-fold cross-validation of the three predictors; every metric NaN below three distinct configurations. */
    public static PredictivePower.CrossValidation crossValidate(RankSpace space, ModelConfig model, long seed,
                                                                List<int[]> ranks, double[] scores, int k) {
        int n = scores.length;
        int groups = (int) ranks.stream().map(Arrays::toString).distinct().count();
        Map<String, PredictivePower.Metrics> out = new HashMap<>();
        if (groups < 3) {
            PredictivePower.Metrics none = new PredictivePower.Metrics(Double.NaN, Double.NaN, Double.NaN);
            out.put(PredictivePower.MLP, none);
            out.put(PredictivePower.MEAN, none);
            out.put(PredictivePower.RIDGE, none);
            return new PredictivePower.CrossValidation(n, groups, 0, out);
        }
        int[] fold = folds(ranks, k, seed);
        int folds = Arrays.stream(fold).max().orElse(0) + 1;
        double[] mlp = new double[n];
        double[] mean = new double[n];
        double[] ridge = new double[n];
        for (int f = 0; f < folds; f++) {
            List<int[]> trainRanks = new ArrayList<>();
            List<Double> trainScores = new ArrayList<>();
            List<Integer> held = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (fold[i] == f) {
                    held.add(i);
                } else {
                    trainRanks.add(ranks.get(i));
                    trainScores.add(scores[i]);
                }
            }
            double[] ys = trainScores.stream().mapToDouble(Double::doubleValue).toArray();
            double m = NoiseStats.mean(ys);
            RidgeBaseline r = RidgeBaseline.fit(space, trainRanks, ys);
            try (PerformanceModel p = new PerformanceModel(space, model, seed)) {
                p.fit(trainRanks, ys, model.fitEpochs());
                double[] pred = p.predict(held.stream().map(ranks::get).toList());
                for (int j = 0; j < held.size(); j++) {
                    int i = held.get(j);
                    mlp[i] = pred[j];
                    mean[i] = m;
                    ridge[i] = r.predict(ranks.get(i));
                }
            }
        }
        out.put(PredictivePower.MLP, metrics(mlp, scores));
        out.put(PredictivePower.MEAN, metrics(mean, scores));
        out.put(PredictivePower.RIDGE, metrics(ridge, scores));
        return new PredictivePower.CrossValidation(n, groups, folds, out);
    }

    /** Prospective agreement of predictions made before trials (NaN entries skipped). */
    public static PredictivePower.Prospective prospective(double[] predicted, double[] measured) {
        List<double[]> pairs = new ArrayList<>();
        for (int i = 0; i < predicted.length; i++) {
            if (Double.isFinite(predicted[i])) {
                pairs.add(new double[]{predicted[i], measured[i]});
            }
        }
        double[] p = pairs.stream().mapToDouble(x -> x[0]).toArray();
        double[] m = pairs.stream().mapToDouble(x -> x[1]).toArray();
        return new PredictivePower.Prospective(p.length, RankCorrelation.spearman(p, m), RankCorrelation.kendall(p, m),
                RankCorrelation.rmse(p, m));
    }

    /** The noise of repeated configurations and the ceiling it implies for any predictor. */
    public static PredictivePower.NoiseCeiling noise(List<int[]> ranks, double[] scores) {
        TrialNoise noise = TrialNoise.pooled(ranks, scores);
        double var = scores.length >= 2 ? Math.pow(NoiseStats.std(scores), 2) : Double.NaN;
        double ceiling = noise.known() && var > 0 ? Math.sqrt(Math.max(0, 1 - noise.std() * noise.std() / var)) : Double.NaN;
        return new PredictivePower.NoiseCeiling(noise.std(), noise.degreesOfFreedom(), noise.std(), ceiling);
    }

    /** All three parts for trials with (possibly NaN) prior predictions. */
    public static PredictivePower of(RankSpace space, ModelConfig model, long seed, List<int[]> ranks, double[] scores,
                                     double[] predictedBefore, int k) {
        return new PredictivePower(prospective(predictedBefore, scores), crossValidate(space, model, seed, ranks, scores, k),
                noise(ranks, scores));
    }

    private static PredictivePower.Metrics metrics(double[] predicted, double[] measured) {
        return new PredictivePower.Metrics(RankCorrelation.spearman(predicted, measured),
                RankCorrelation.kendall(predicted, measured), RankCorrelation.rmse(predicted, measured));
    }
}

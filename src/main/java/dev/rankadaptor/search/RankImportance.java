package dev.rankadaptor.search;

import java.util.SplittableRandom;

/**
 * Per-layer rank importance read off the performance model, in score units: for each layer, the
 * change of the predicted score when that layer alone goes from the smallest to the largest
 * candidate rank, averaged over random rank vectors for the other layers. {@code meanAbsEffect}
 * says how much a layer matters; {@code meanEffect} says which way (positive: wants more rank).
 * It describes the model, not the truth: with few trials it is mostly the model's guess.
 */
public record RankImportance(double[] meanAbsEffect, double[] meanEffect, int samples) {
    public RankImportance {
        meanAbsEffect = meanAbsEffect.clone();
        meanEffect = meanEffect.clone();
    }

    @Override
    public double[] meanAbsEffect() {
        return meanAbsEffect.clone();
    }

    @Override
    public double[] meanEffect() {
        return meanEffect.clone();
    }

    /** Predicts scaled rows: x holds {@code count} rows of L features. */
    @FunctionalInterface
    interface ScaledPredictor {
        double[] predict(float[] x, int count);
    }

    /**
     * Mean (and mean absolute) change of the prediction when one layer goes from the smallest to the
     * largest candidate rank, over {@code samples} random vectors.
     */
    static RankImportance estimate(RankSpace space, int l, ScaledPredictor model, int samples, long sampleSeed) {
        SplittableRandom rnd = SeedStreams.stream(sampleSeed, 0, SeedStreams.IMPORTANCE);
        float[] base = space.scaleFlat(space.sampleFlat(rnd, samples));
        float[] x = new float[2 * l * samples * l];
        int row = 0;
        for (int layer = 0; layer < l; layer++) {
            for (int s = 0; s < samples; s++) {
                for (int v = 0; v < 2; v++) {
                    System.arraycopy(base, s * l, x, row * l, l);
                    x[row * l + layer] = v;
                    row++;
                }
            }
        }
        double[] p = model.predict(x, row);
        double[] abs = new double[l];
        double[] signed = new double[l];
        for (int layer = 0; layer < l; layer++) {
            for (int s = 0; s < samples; s++) {
                int r = (layer * samples + s) * 2;
                double d = p[r + 1] - p[r];
                abs[layer] += Math.abs(d) / samples;
                signed[layer] += d / samples;
            }
        }
        return new RankImportance(abs, signed, samples);
    }
}

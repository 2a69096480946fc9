package dev.rankadaptor.prune;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.rankadaptor.checkpoint.LlamaConfig;
import dev.rankadaptor.model.LlamaModel;
import dev.rankadaptor.model.LlamaModels;
import dev.rankadaptor.model.ModelStep;
import dev.rankadaptor.model.Projection;

import java.util.Random;

/** Tiny random LLaMA models (GQA, 4 layers) and calibration data for pruning tests. */
final class PruneFixtures {
    private PruneFixtures() {
    }

    static LlamaConfig config(int layers) {
        return new LlamaConfig(32, 40, 4, 2, layers, 61, 8, 1e-5, 10000.0, false, 128, 1, 2, "float32");
    }

    static LlamaModel model(int layers, long seed) {
        LlamaConfig c = config(layers);
        return LlamaModels.random(c, c.nominalLayout(), seed, 0.2, Device.cpu(), DataType.FLOAT32);
    }

    static CalibrationWindows calibration(long seed) {
        Random r = new Random(seed);
        int[] tokens = new int[400];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = r.nextInt(61);
        }
        return CalibrationWindows.fromTokens(tokens, 4, 16, seed, "random tokens");
    }

    static float[] logits(LlamaModel m, int[] tokens) {
        try (ModelStep step = m.newStep()) {
            long[] ids = new long[tokens.length];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = tokens[i];
            }
            NDArray in = step.manager().create(ids, new Shape(1, ids.length));
            return m.forward(in, null, false).toFloatArray();
        }
    }

    /** Zeroes whole columns of a projection weight in place (makes those inputs useless). */
    static void zeroColumns(LlamaModel m, int layer, Projection p, int from, int to) {
        NDArray w = m.layer(layer).weight(p);
        float[] v = w.toFloatArray();
        int cols = (int) w.getShape().get(1);
        for (int r = 0; r < v.length / cols; r++) {
            for (int c = from; c < to; c++) {
                v[r * cols + c] = 0f;
            }
        }
        w.set(v);
    }

    static double maxAbsDiff(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}

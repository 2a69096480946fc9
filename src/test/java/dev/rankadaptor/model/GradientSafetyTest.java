package dev.rankadaptor.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.rankadaptor.compute.Engines;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Guards DJL trap 1, docs/architecture.md: scalars wrapped for NDArray ops can be freed by GC while backward
 * still reads them, corrupting gradients silently. Every iteration forces GC between forward and
 * backward and checks the gradient against central finite differences along a random direction.
 */
class GradientSafetyTest {
    @Test
    void gradientsMatchFiniteDifferencesAcrossManyGcCycles() {
        try (LlamaModel m = TinyModels.random(21, DataType.FLOAT32)) {
            NDArray w = m.layer(1).weight(Projection.Q);
            NDArray norm = m.layer(2).postNorm();
            w.setRequiresGradient(true);
            norm.setRequiresGradient(true);
            Random rng = new Random(4);
            int[] tokens = {1, 7, 3, 22, 40, 9};
            float[] original = w.toFloatArray();
            int bad = 0;
            int iterations = 60;
            for (int it = 0; it < iterations; it++) {
                float[] dir = new float[original.length];
                for (int i = 0; i < dir.length; i++) {
                    dir[i] = (float) rng.nextGaussian();
                }
                double analytic;
                try (ModelStep step = m.newStep();
                     GradientCollector gc = Engines.pytorch().newGradientCollector()) {
                    NDArray in = step.manager().create(LlamaScorer.toLong(tokens), new Shape(1, tokens.length));
                    gc.zeroGradients();
                    NDArray loss = lossOf(m, in);
                    System.gc();
                    gc.backward(loss);
                    System.gc();
                    float[] g = w.getGradient().toFloatArray();
                    analytic = 0;
                    for (int i = 0; i < g.length; i++) {
                        analytic += g[i] * dir[i];
                    }
                }
                double h = 2e-3;
                double plus = evalLoss(m, w, original, dir, h, tokens);
                double minus = evalLoss(m, w, original, dir, -h, tokens);
                w.set(original);
                double numeric = (plus - minus) / (2 * h);
                double rel = Math.abs(numeric - analytic) / Math.max(1e-2, Math.abs(numeric));
                if (!(rel < 2e-2)) {
                    bad++;
                    System.out.println("iteration " + it + ": analytic " + analytic + " numeric " + numeric + " rel " + rel);
                }
            }
            assertTrue(bad == 0, bad + " of " + iterations + " gradients disagreed with finite differences");
        }
    }

    /** A smooth scalar of the logits: mean log-softmax of fixed targets (a causal-LM loss). */
    private static NDArray lossOf(LlamaModel m, NDArray in) {
        NDArray logp = m.forward(in, null, false).logSoftmax(-1);
        long t = in.getShape().get(1);
        long[] next = new long[(int) t];
        for (int i = 0; i < t; i++) {
            next[i] = (i * 7 + 3) % m.config().vocabSize();
        }
        NDArray targets = in.getManager().create(next, new Shape(1, t, 1));
        return logp.gather(targets, 2).mean().neg();
    }

    private static double evalLoss(LlamaModel m, NDArray w, float[] base, float[] dir, double h, int[] tokens) {
        float[] moved = new float[base.length];
        for (int i = 0; i < base.length; i++) {
            moved[i] = (float) (base[i] + h * dir[i]);
        }
        w.set(moved);
        try (ModelStep step = m.newStep()) {
            NDArray in = step.manager().create(LlamaScorer.toLong(tokens), new Shape(1, tokens.length));
            return lossOf(m, in).getFloat();
        }
    }
}

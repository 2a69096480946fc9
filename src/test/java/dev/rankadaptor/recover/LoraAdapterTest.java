package dev.rankadaptor.recover;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.rankadaptor.compute.Engines;
import dev.rankadaptor.model.LlamaModel;
import dev.rankadaptor.model.ModelStep;
import dev.rankadaptor.model.Projection;
import dev.rankadaptor.model.TinyModels;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoraAdapterTest {
    static final long[] TOKENS = {1, 7, 3, 22, 40, 9, 11};

    static float[] logits(LlamaModel m) {
        try (ModelStep s = m.newStep()) {
            return m.forward(s.manager().create(TOKENS, new Shape(1, TOKENS.length)), null, false).toFloatArray();
        }
    }

    static void randomize(NDArray a, Random rng, double std) {
        float[] v = new float[(int) a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (rng.nextGaussian() * std);
        }
        a.set(v);
    }

    @Test
    void freshAdaptersLeaveLogitsUnchanged() {
        try (LlamaModel m = TinyModels.random(3, DataType.FLOAT32)) {
            float[] base = logits(m);
            try (LoraAttachment att = LoraAttachment.attach(m, LoraConfig.uniform(3, 4, 1))) {
                assertArrayEquals(base, logits(m), 0f);
                randomize(att.adapter(1, Projection.V).loraB(), new Random(1), 0.5);
                float[] changed = logits(m);
                assertTrue(maxDiff(base, changed) > 1e-4, "a non-zero B must change the logits");
            }
            assertArrayEquals(base, logits(m), 0f, "closing the attachment restores the base model");
            try (AdaLoraAttachment ada = AdaLoraAttachment.attach(m, AdaLoraConfig.defaults(2), 10)) {
                assertArrayEquals(base, logits(m), 0f, "AdaLoRA starts with E = 0");
            }
        }
    }

    @Test
    void loraAIsKaimingUniformWithBoundOneOverSqrtFanIn() {
        assertEquals(1 / Math.sqrt(40), LoraAdapter.kaimingUniformBound(40), 1e-12);
        try (LlamaModel m = TinyModels.random(3, DataType.FLOAT32);
             LoraAttachment att = LoraAttachment.attach(m, LoraConfig.uniform(3, 8, 5))) {
            LoraAdapter down = att.adapter(0, Projection.DOWN); // in = MLP width 40
            float[] a = down.loraA().toFloatArray();
            double bound = 1 / Math.sqrt(40);
            double ss = 0;
            for (float v : a) {
                assertTrue(Math.abs(v) <= bound);
                ss += v * v;
            }
            double std = Math.sqrt(ss / a.length);
            assertEquals(bound / Math.sqrt(3), std, 0.2 * bound / Math.sqrt(3));
            for (float v : down.loraB().toFloatArray()) {
                assertEquals(0f, v);
            }
        }
    }

    @Test
    void ranksPerLayerGiveTheirOwnShapesAndTheParameterFormula() {
        // uneven layout: layer 0 = 4 heads / 2 kv / MLP 40, layer 1 = 2/1/24, layer 2 = 4/2/16; hidden 32, head dim 8
        int[] ranks = {4, 0, 2};
        LoraConfig cfg = new LoraConfig(EnumSet.of(Projection.Q, Projection.V, Projection.DOWN), ranks,
                AlphaRule.FIXED, 16, 0.0, 3);
        try (LlamaModel m = TinyModels.random(3, DataType.FLOAT32); LoraAttachment att = LoraAttachment.attach(m, cfg)) {
            assertEquals(new Shape(4, 32), att.adapter(0, Projection.Q).loraA().getShape());
            assertEquals(new Shape(32, 4), att.adapter(0, Projection.Q).loraB().getShape());
            assertEquals(new Shape(16, 4), att.adapter(0, Projection.V).loraB().getShape());
            assertEquals(new Shape(4, 40), att.adapter(0, Projection.DOWN).loraA().getShape());
            assertNull(att.adapter(1, Projection.Q));
            assertNull(att.adapter(0, Projection.K));
            assertEquals(new Shape(2, 16), att.adapter(2, Projection.DOWN).loraA().getShape());
            assertEquals(new Shape(32, 2), att.adapter(2, Projection.DOWN).loraB().getShape());
            assertEquals(16.0 / 4, att.adapter(0, Projection.Q).scale(), 1e-12);
            assertEquals(16.0 / 2, att.adapter(2, Projection.Q).scale(), 1e-12);
            // r * (in + out): layer 0: q 4*(32+32), v 4*(32+16), down 4*(40+32); layer 2: q 2*(32+32), v 2*(32+16), down 2*(16+32)
            long expected = 4 * 64 + 4 * 48 + 4 * 72 + 2 * 64 + 2 * 48 + 2 * 48;
            assertEquals(expected, att.parameterCount());
            assertEquals(expected, LoraAttachment.parameterCount(m.layout(), 32, 8, cfg));
            long arrays = att.trainableArrays().stream().mapToLong(NDArray::size).sum();
            assertEquals(expected, arrays);
            assertEquals(0, att.moduleRanks().get("model.layers.1.self_attn.q_proj"));
            assertEquals(2, att.moduleRanks().get("model.layers.2.mlp.down_proj"));
        }
    }

    @Test
    void alphaRulesGiveTheDocumentedScales() {
        assertEquals(2.0, AlphaRule.ALPHA_2R.scale(16, 32), 0);
        assertEquals(16.0 / 8, AlphaRule.FIXED.scale(16, 8), 0);
        assertEquals(16.0 / 4, AlphaRule.RSLORA.scale(16, 16), 1e-12);
        assertArrayEquals(new int[]{8, 3, 5, 8}, new PrunableLayers(new int[]{1, 2}, 8, 4).toFull(new int[]{3, 5}));
    }

    @Test
    void adapterGradientsMatchFiniteDifferencesAcrossGcCycles() {
        try (LlamaModel m = TinyModels.random(21, DataType.FLOAT32);
             LoraAttachment att = LoraAttachment.attach(m, new LoraConfig(LoraConfig.allTargets(), new int[]{2, 3, 2},
                     AlphaRule.FIXED, 7, 0.0, 9))) {
            Random rng = new Random(4);
            for (var ad : att.adapters().values()) {
                randomize(ad.loraB(), rng, 0.3);
            }
            LoraAdapter target = att.adapter(1, Projection.GATE);
            NDArray[] params = {target.loraA(), target.loraB()};
            for (NDArray p : params) {
                p.setRequiresGradient(true);
            }
            int bad = 0;
            int iterations = 20;
            for (int it = 0; it < iterations; it++) {
                NDArray p = params[it % 2];
                float[] original = p.toFloatArray();
                float[] dir = new float[original.length];
                for (int i = 0; i < dir.length; i++) {
                    dir[i] = (float) rng.nextGaussian();
                }
                double analytic = 0;
                try (ModelStep step = m.newStep(); GradientCollector gc = Engines.pytorch().newGradientCollector()) {
                    gc.zeroGradients();
                    NDArray loss = loss(m, step);
                    System.gc();
                    gc.backward(loss);
                    System.gc();
                    float[] g = p.getGradient().toFloatArray();
                    for (int i = 0; i < g.length; i++) {
                        analytic += g[i] * dir[i];
                    }
                }
                double h = 2e-3;
                double plus = moved(m, p, original, dir, h);
                double minus = moved(m, p, original, dir, -h);
                p.set(original);
                double numeric = (plus - minus) / (2 * h);
                double rel = Math.abs(numeric - analytic) / Math.max(5e-2, Math.abs(numeric));
                if (!(rel < 2e-2)) {
                    bad++;
                    System.out.println("iteration " + it + ": analytic " + analytic + " numeric " + numeric);
                }
            }
            for (NDArray p : params) {
                p.setRequiresGradient(false);
            }
            assertEquals(0, bad, bad + " of " + iterations + " adapter gradients disagreed with finite differences");
        }
    }

    private static NDArray loss(LlamaModel m, ModelStep step) {
        NDArray in = step.manager().create(TOKENS, new Shape(1, TOKENS.length));
        long[] next = new long[TOKENS.length];
        for (int i = 0; i < next.length; i++) {
            next[i] = (i * 7 + 3) % m.config().vocabSize();
        }
        NDArray targets = step.manager().create(next, new Shape(1, next.length, 1));
        return m.forward(in, null, false).logSoftmax(-1).gather(targets, 2).mean().neg();
    }

    private static double moved(LlamaModel m, NDArray p, float[] base, float[] dir, double h) {
        float[] v = new float[base.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (base[i] + h * dir[i]);
        }
        p.set(v);
        try (ModelStep step = m.newStep()) {
            return loss(m, step).getFloat();
        }
    }

    static double maxDiff(float[] a, float[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }

    static void assertPresent(Object o) {
        assertNotNull(o);
    }
}

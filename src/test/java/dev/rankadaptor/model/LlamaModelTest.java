package dev.rankadaptor.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LlamaModelTest {
    private static final int[] TOKENS = {1, 17, 5, 44, 9, 30, 2, 51, 11};

    static float[][] logits(LlamaModel m, int[] tokens) {
        try (ModelStep step = m.newStep()) {
            NDArray in = step.manager().create(LlamaScorer.toLong(tokens), new Shape(1, tokens.length));
            float[] flat = m.forward(in, null, false).toFloatArray();
            int v = m.config().vocabSize();
            float[][] out = new float[tokens.length][v];
            for (int t = 0; t < tokens.length; t++) {
                System.arraycopy(flat, t * v, out[t], 0, v);
            }
            return out;
        }
    }

    @Test
    void forwardMatchesPlainJavaReferenceWithGqaAndUnevenLayers() {
        try (LlamaModel m = TinyModels.random(7, DataType.FLOAT32)) {
            double[][] expected = TinyModels.reference(m).logits(TOKENS);
            float[][] actual = logits(m, TOKENS);
            double maxErr = 0;
            double maxAbs = 0;
            for (int t = 0; t < TOKENS.length; t++) {
                for (int v = 0; v < expected[t].length; v++) {
                    maxErr = Math.max(maxErr, Math.abs(actual[t][v] - expected[t][v]));
                    maxAbs = Math.max(maxAbs, Math.abs(expected[t][v]));
                }
            }
            assertTrue(maxAbs > 0.1, "logits should not be trivially small: " + maxAbs);
            assertTrue(maxErr / maxAbs < 1e-4, "relative error " + maxErr / maxAbs);
        }
    }

    @Test
    void float16ForwardIsCloseToFloat32() {
        try (LlamaModel f32 = TinyModels.random(11, DataType.FLOAT32);
             LlamaModel f16 = TinyModels.random(11, DataType.FLOAT16)) {
            float[][] a = logits(f32, TOKENS);
            float[][] b = logits(f16, TOKENS);
            double maxErr = 0;
            double maxAbs = 0;
            for (int t = 0; t < a.length; t++) {
                for (int v = 0; v < a[t].length; v++) {
                    maxErr = Math.max(maxErr, Math.abs(a[t][v] - b[t][v]));
                    maxAbs = Math.max(maxAbs, Math.abs(a[t][v]));
                }
            }
            assertTrue(maxErr / maxAbs < 1e-2, "F16 relative error " + maxErr / maxAbs);
            assertTrue(maxErr > 0, "F16 should not be bit-identical to F32 (was the dtype ignored?)");
        }
    }

    @Test
    void sharedContextScoringEqualsPerPairScoring() {
        try (LlamaModel m = TinyModels.random(3, DataType.FLOAT32)) {
            LlamaScorer scorer = new LlamaScorer(m);
            int[] ctx = {1, 4, 8, 15, 16, 23, 42};
            List<int[]> conts = List.of(new int[]{5}, new int[]{6, 7, 8}, new int[]{9, 10}, new int[]{50, 49, 48, 47});
            List<ContinuationScore> shared = scorer.scoreShared(ctx, conts);
            for (int i = 0; i < conts.size(); i++) {
                ContinuationScore single = scorer.score(ctx, conts.get(i));
                assertEquals(single.logLikelihood(), shared.get(i).logLikelihood(), 1e-4, "choice " + i);
                assertEquals(single.greedy(), shared.get(i).greedy());
                assertEquals(conts.get(i).length, shared.get(i).tokens());
            }
            // the log-likelihood is the sum of per-token log-softmax values of a full forward
            float[][] full = logits(m, new int[]{1, 4, 8, 15, 16, 23, 42, 6, 7});
            double expected = logSoftmax(full[6], 6) + logSoftmax(full[7], 7) + logSoftmax(full[8], 8);
            assertEquals(expected, scorer.score(ctx, new int[]{6, 7, 8}).logLikelihood(), 1e-4);
        }
    }

    @Test
    void greedyGenerationWithCacheMatchesFullRecomputation() {
        try (LlamaModel m = TinyModels.random(5, DataType.FLOAT32)) {
            int[] prompt = {1, 20, 21};
            int[] generated = new Generator(m).generate(prompt, new GenerationConfig(6, 0, 0, 0, false));
            assertEquals(6, generated.length);
            int[] seq = prompt.clone();
            for (int g : generated) {
                float[][] l = logits(m, seq);
                int arg = 0;
                for (int v = 1; v < l[seq.length - 1].length; v++) {
                    if (l[seq.length - 1][v] > l[seq.length - 1][arg]) {
                        arg = v;
                    }
                }
                assertEquals(arg, g);
                seq = java.util.Arrays.copyOf(seq, seq.length + 1);
                seq[seq.length - 1] = g;
            }
            int[] sampledA = new Generator(m).generate(prompt, new GenerationConfig(8, 1.0, 10, 42, false));
            int[] sampledB = new Generator(m).generate(prompt, new GenerationConfig(8, 1.0, 10, 42, false));
            assertArrayEquals(sampledA, sampledB, "sampling is reproducible per seed");
        }
    }

    @Test
    void arrayCountStaysFlatOverManyCalls() {
        try (LlamaModel m = TinyModels.random(9, DataType.FLOAT32)) {
            LlamaScorer scorer = new LlamaScorer(m);
            scorer.scoreShared(new int[]{1, 2, 3}, List.of(new int[]{4, 5}, new int[]{6}));
            int before = m.manager().getManagedArrays().size();
            for (int i = 0; i < 40; i++) {
                scorer.scoreShared(new int[]{1, 2, 3}, List.of(new int[]{4, 5}, new int[]{6}));
                scorer.score(new int[]{1, 2, 3}, new int[]{7, 8});
                new Generator(m).generate(new int[]{1, 2}, GenerationConfig.greedy(3));
            }
            assertEquals(before, m.manager().getManagedArrays().size());
        }
    }

    @Test
    void forwardOutsideAStepIsRefused() {
        try (LlamaModel m = TinyModels.random(1, DataType.FLOAT32)) {
            NDArray in = m.manager().create(new long[]{1, 2}, new Shape(1, 2));
            assertThrows(IllegalStateException.class, () -> m.forward(in, null, false));
            try (ModelStep ignored = m.newStep()) {
                assertThrows(IllegalStateException.class, m::newStep);
            }
        }
    }

    static double logSoftmax(float[] row, int target) {
        double max = Double.NEGATIVE_INFINITY;
        for (float f : row) {
            max = Math.max(max, f);
        }
        double z = 0;
        for (float f : row) {
            z += Math.exp(f - max);
        }
        return row[target] - max - Math.log(z);
    }
}

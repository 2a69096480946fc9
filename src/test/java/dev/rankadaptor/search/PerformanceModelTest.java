package dev.rankadaptor.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rankadaptor.common.Json;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class PerformanceModelTest {

    /** Reference MSE gradient of the MLP in double precision, by hand-written backprop. */
    static double[][][] referenceGradients(ModelState s, float[] x, float[] z, int n, boolean relu, double[] lossOut) {
        int layers = s.weights().size();
        int[] sizes = new int[layers + 1];
        sizes[0] = s.inputs();
        for (int k = 0; k < layers; k++) {
            sizes[k + 1] = s.biases().get(k).length;
        }
        double[][][] gw = new double[2][layers][];
        for (int k = 0; k < layers; k++) {
            gw[0][k] = new double[s.weights().get(k).length];
            gw[1][k] = new double[s.biases().get(k).length];
        }
        double loss = 0;
        for (int r = 0; r < n; r++) {
            double[][] pre = new double[layers + 1][];
            double[][] act = new double[layers + 1][];
            act[0] = new double[sizes[0]];
            for (int i = 0; i < sizes[0]; i++) {
                act[0][i] = x[r * sizes[0] + i];
            }
            for (int k = 0; k < layers; k++) {
                float[] wk = s.weights().get(k);
                float[] bk = s.biases().get(k);
                pre[k + 1] = new double[sizes[k + 1]];
                act[k + 1] = new double[sizes[k + 1]];
                for (int o = 0; o < sizes[k + 1]; o++) {
                    double sum = bk[o];
                    for (int i = 0; i < sizes[k]; i++) {
                        sum += act[k][i] * wk[i * sizes[k + 1] + o];
                    }
                    pre[k + 1][o] = sum;
                    act[k + 1][o] = k == layers - 1 ? sum : relu ? Math.max(0, sum) : Math.tanh(sum);
                }
            }
            double d = act[layers][0] - z[r];
            loss += d * d / n;
            double[] delta = {2 * d / n};
            for (int k = layers - 1; k >= 0; k--) {
                for (int o = 0; o < sizes[k + 1]; o++) {
                    gw[1][k][o] += delta[o];
                    for (int i = 0; i < sizes[k]; i++) {
                        gw[0][k][i * sizes[k + 1] + o] += act[k][i] * delta[o];
                    }
                }
                if (k > 0) {
                    float[] wk = s.weights().get(k);
                    double[] prev = new double[sizes[k]];
                    for (int i = 0; i < sizes[k]; i++) {
                        double sum = 0;
                        for (int o = 0; o < sizes[k + 1]; o++) {
                            sum += wk[i * sizes[k + 1] + o] * delta[o];
                        }
                        double p = pre[k][i];
                        prev[i] = sum * (relu ? (p > 0 ? 1 : 0) : 1 - Math.tanh(p) * Math.tanh(p));
                    }
                    delta = prev;
                }
            }
        }
        lossOut[0] = loss;
        return gw;
    }

    private static void assertGradientsMatch(PerformanceModel model, float[] x, float[] z, int n, boolean relu, int iteration) {
        ModelState s = model.state();
        PerformanceModel.Gradients g = model.lossAndGradients(x, z, n);
        double[] loss = new double[1];
        double[][][] ref = referenceGradients(s, x, z, n, relu, loss);
        assertEquals(loss[0], g.loss(), 1e-4 * Math.max(1, loss[0]), "loss at iteration " + iteration);
        for (int k = 0; k < ref[0].length; k++) {
            for (int t = 0; t < 2; t++) {
                double[] want = ref[t][k];
                float[] got = t == 0 ? g.dw()[k] : g.db()[k];
                double scale = 1e-6;
                for (double v : want) {
                    scale = Math.max(scale, Math.abs(v));
                }
                for (int i = 0; i < want.length; i++) {
                    assertEquals(want[i], got[i], 1e-3 * scale,
                            "iteration " + iteration + " layer " + k + (t == 0 ? " weight " : " bias ") + i);
                }
            }
        }
    }

    @Test
    void autogradGradientsMatchHandDerivedOnesAcrossManyStepsWithGc() {
        RankSpace space = RankSpace.of(6);
        for (ModelConfig.Activation act : ModelConfig.Activation.values()) {
            ModelConfig cfg = new ModelConfig(List.of(8, 8, 8), act, 1e-2, 1, 1, 0);
            try (PerformanceModel model = new PerformanceModel(space, cfg, 42)) {
                SplittableRandom rnd = new SplittableRandom(7);
                int n = 16;
                float[] x = space.scaleFlat(space.sampleFlat(rnd, n));
                float[] z = new float[n];
                for (int i = 0; i < n; i++) {
                    z[i] = (float) rnd.nextGaussian();
                }
                for (int it = 0; it < 20; it++) {
                    assertGradientsMatch(model, x, z, n, act == ModelConfig.Activation.RELU, it);
                    model.train(x, z, n, 1);
                    System.gc();
                    assertEquals(0, model.liveArrays(), "native arrays left after step " + it);
                }
            }
        }
    }

    @Test
    void referenceGradientAgreesWithFiniteDifferences() {
        RankSpace space = RankSpace.of(3);
        ModelConfig cfg = new ModelConfig(List.of(4, 4), ModelConfig.Activation.TANH, 1e-2, 1, 1, 0);
        try (PerformanceModel model = new PerformanceModel(space, cfg, 3)) {
            float[] x = space.scaleFlat(space.sampleFlat(new SplittableRandom(1), 5));
            float[] z = {0.3f, -1f, 0.5f, 2f, 0f};
            ModelState s = model.state();
            double[] loss = new double[1];
            double[][][] ref = referenceGradients(s, x, z, 5, false, loss);
            for (int k = 0; k < s.weights().size(); k++) {
                for (int i = 0; i < s.weights().get(k).length; i++) {
                    double h = 1e-3;
                    double up = lossWith(s, k, i, h, x, z);
                    double down = lossWith(s, k, i, -h, x, z);
                    assertEquals((up - down) / (2 * h), ref[0][k][i], 1e-3, "layer " + k + " weight " + i);
                }
            }
        }
    }

    private static double lossWith(ModelState s, int k, int i, double h, float[] x, float[] z) {
        List<float[]> ws = new ArrayList<>(s.weights());
        float[] copy = ws.get(k).clone();
        copy[i] += (float) h;
        ws.set(k, copy);
        ModelState t = new ModelState(s.inputs(), s.hidden(), s.activation(), ws, s.biases(), 0, 1);
        double[] loss = new double[1];
        referenceGradients(t, x, z, z.length, false, loss);
        return loss[0];
    }

    @Test
    void fitsASmoothFunctionAndIsDeterministicGivenTheSeed() {
        RankSpace space = RankSpace.of(5);
        SplittableRandom rnd = new SplittableRandom(11);
        List<int[]> ranks = new ArrayList<>();
        double[] scores = new double[40];
        for (int i = 0; i < scores.length; i++) {
            int[] r = space.sample(rnd);
            ranks.add(r);
            scores[i] = 50 + r[0] - 0.5 * r[3];
        }
        ModelConfig cfg = ModelConfig.defaults().withEpochs(300, 50);
        double[] p1;
        double[] p2;
        try (PerformanceModel a = new PerformanceModel(space, cfg, 5); PerformanceModel b = new PerformanceModel(space, cfg, 5)) {
            int threadsBefore = ai.djl.pytorch.jni.JniUtils.getNumThreads();
            double mse = a.fit(ranks, scores, 300);
            assertEquals(threadsBefore, ai.djl.pytorch.jni.JniUtils.getNumThreads(), "engine thread count restored after training");
            b.fit(ranks, scores, 300);
            assertTrue(mse < 0.5, "training MSE " + mse);
            p1 = a.predict(ranks);
            p2 = b.predict(ranks);
            assertArrayEquals(p1, p2);
            RankImportance imp = a.importance(64, 9);
            double[] signed = imp.meanEffect();
            assertTrue(signed[0] > 5 && signed[3] < -2.5, java.util.Arrays.toString(signed));
            assertTrue(imp.meanAbsEffect()[1] < imp.meanAbsEffect()[0] / 2);
        }
    }

    @Test
    void stateRoundTripsThroughJson() throws Exception {
        RankSpace space = RankSpace.of(4);
        ModelConfig cfg = ModelConfig.defaults();
        try (PerformanceModel a = new PerformanceModel(space, cfg, 1); PerformanceModel b = new PerformanceModel(space, cfg, 2)) {
            a.fit(List.of(new int[]{2, 3, 4, 5}, new int[]{12, 12, 2, 2}), new double[]{40, 45}, 20);
            ObjectMapper m = Json.compact();
            ModelState back = m.readValue(m.writeValueAsString(a.state()), ModelState.class);
            b.load(back);
            int[] probe = {7, 7, 7, 7};
            assertEquals(a.predict(probe), b.predict(probe), 0.0);
        }
    }

    @Test
    void batchPredictionMatchesSinglePredictionAcrossChunks() {
        RankSpace space = RankSpace.of(26);
        try (PerformanceModel m = new PerformanceModel(space, ModelConfig.defaults(), 3)) {
            int n = 40_000;
            int[] flat = space.sampleFlat(new SplittableRandom(2), n);
            double[] all = m.predictFlat(flat, n);
            int[] last = java.util.Arrays.copyOfRange(flat, (n - 1) * 26, n * 26);
            assertEquals(m.predict(last), all[n - 1], 1e-5);
        }
    }

    @Test
    void javaPredictionAgreesWithTheDjlForwardUsedInTraining() {
        RankSpace space = RankSpace.of(26);
        for (ModelConfig.Activation act : ModelConfig.Activation.values()) {
            ModelConfig cfg = new ModelConfig(List.of(32, 32, 32), act, 1e-2, 1, 1, 0);
            try (PerformanceModel m = new PerformanceModel(space, cfg, 8)) {
                SplittableRandom rnd = new SplittableRandom(4);
                int n = 50;
                List<int[]> ranks = new ArrayList<>();
                double[] scores = new double[n];
                for (int i = 0; i < n; i++) {
                    ranks.add(space.sample(rnd));
                    scores[i] = 60 + 3 * rnd.nextGaussian();
                }
                m.fit(ranks, scores, 30);
                float[] x = m.scaledRows(ranks);
                float[] z = new float[n];
                for (int i = 0; i < n; i++) {
                    z[i] = (float) ((scores[i] - m.targetMean()) / m.targetStd());
                }
                double djlLoss = m.lossAndGradients(x, z, n).loss();
                double[] p = m.predictScaled(x, n);
                double javaLoss = 0;
                for (int i = 0; i < n; i++) {
                    double d = (p[i] - m.targetMean()) / m.targetStd() - z[i];
                    javaLoss += d * d / n;
                }
                assertEquals(djlLoss, javaLoss, 1e-4 * Math.max(1, djlLoss), act.name());
            }
        }
    }
}

package dev.rankadaptor.search;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import dev.rankadaptor.compute.DeviceChoice;
import dev.rankadaptor.compute.Engines;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The paper's performance model Q(R_H): an MLP from the scaled rank vector to the target score,
 * trained on squared error (paper Eq. 5) with DJL autograd.
 *
 * <p>Design choices, and why:
 * <ul>
 *   <li>The master copy of the weights lives in Java arrays. Each training step creates the
 *       parameter NDArrays in a per-step sub-manager, runs forward/backward, reads the gradients
 *       back and closes the sub-manager; Adam runs in Java (double moments). This keeps native array
 *       counts flat, makes the state trivially serialisable, and makes training bit-reproducible
 *       from a seed (same machine and PyTorch build).</li>
 *   <li>The differentiable graph uses only array-array ops (matMul, add, sub, mul, mean, relu, tanh):
 *       no Java number is ever wrapped into the graph (DJL trap 1, docs/architecture.md), and DJL's Loss.l2Loss() is
 *       not used. Constants (target standardisation, learning rate, weight decay) are applied in Java.</li>
 *   <li>Targets are z-scored with the mean/std of the training targets and un-scaled on prediction,
 *       so one learning rate works for accuracies in percent or in [0, 1].</li>
 *   <li>On the CPU, training runs with one intra-op thread (restored afterwards): the matrices are
 *       tiny, and thread barriers cost more than they save; measured on a loaded 2-core machine,
 *       2.5x to 14x faster per epoch than with two threads. Single-threaded training also does not
 *       depend on the machine's core count. The engine setting is process-wide: no other DJL work may
 *       run concurrently (it cannot anyway while a GradientCollector is open).</li>
 *   <li>Each call to {@link #train} starts fresh Adam moments; the weights carry over. Incremental
 *       updates are therefore a pure function of (weights before, training set, epochs), which the
 *       search replays from its records on resume.</li>
 * </ul>
 * Not thread-safe; one model per search.
 */
public final class PerformanceModel implements AutoCloseable {
    private static final int PREDICT_BLOCK = 2048;
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;

    private final RankSpace space;
    private final ModelConfig config;
    private final long seed;
    private final int[] sizes;
    private final float[][] w;
    private final float[][] b;
    private double targetMean;
    private double targetStd = 1.0;
    private final NDManager manager;
    private final boolean singleThreaded;

    public PerformanceModel(RankSpace space, ModelConfig config, long seed) {
        this(space, config, seed, DeviceChoice.cpu());
    }

    public PerformanceModel(RankSpace space, ModelConfig config, long seed, DeviceChoice device) {
        this.space = space;
        this.config = config;
        this.seed = seed;
        List<Integer> hidden = config.hidden();
        sizes = new int[hidden.size() + 2];
        sizes[0] = space.layers();
        for (int i = 0; i < hidden.size(); i++) {
            sizes[i + 1] = hidden.get(i);
        }
        sizes[sizes.length - 1] = 1;
        w = new float[sizes.length - 1][];
        b = new float[sizes.length - 1][];
        manager = Engines.newManager(device);
        singleThreaded = !device.isCuda();
        reinitialize();
    }

    public RankSpace space() {
        return space;
    }

    public ModelConfig config() {
        return config;
    }

    /** Re-draws the weights from the seed (He-uniform for ReLU, Glorot-uniform for tanh), biases 0. */
    public void reinitialize() {
        SplittableRandom rnd = SeedStreams.stream(seed, 0, SeedStreams.MODEL_INIT);
        for (int k = 0; k < w.length; k++) {
            int in = sizes[k];
            int out = sizes[k + 1];
            boolean last = k == w.length - 1;
            double limit = (config.activation() == ModelConfig.Activation.RELU && !last)
                    ? Math.sqrt(6.0 / in) : Math.sqrt(6.0 / (in + out));
            w[k] = new float[in * out];
            for (int i = 0; i < w[k].length; i++) {
                w[k][i] = (float) ((rnd.nextDouble() * 2 - 1) * limit);
            }
            b[k] = new float[out];
        }
        targetMean = 0;
        targetStd = 1;
    }

    /** Sets the target standardisation from measured scores (std falls back to 1 below two distinct values). */
    public void standardizeTo(double[] scores) {
        double mean = NoiseStats.mean(scores);
        double std = scores.length >= 2 ? NoiseStats.std(scores) : Double.NaN;
        targetMean = Double.isFinite(mean) ? mean : 0;
        targetStd = std > 1e-9 ? std : 1.0;
    }

    public double targetMean() {
        return targetMean;
    }

    public double targetStd() {
        return targetStd;
    }

    /**
     * Standardises the targets with their own mean/std, then trains {@code epochs} full-batch Adam
     * steps from the current weights. Returns the final mean squared error in score units squared.
     */
    public double fit(List<int[]> ranks, double[] scores, int epochs) {
        if (ranks.size() != scores.length || ranks.isEmpty()) {
            throw new IllegalArgumentException("need as many scores as rank vectors, at least one");
        }
        standardizeTo(scores);
        float[] x = scaledRows(ranks);
        float[] z = new float[scores.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) ((scores[i] - targetMean) / targetStd);
        }
        return train(x, z, scores.length, epochs) * targetStd * targetStd;
    }

    /** Scales rank vectors into one flat row-major float array. */
    public float[] scaledRows(List<int[]> ranks) {
        int l = space.layers();
        int[] flat = new int[ranks.size() * l];
        for (int i = 0; i < ranks.size(); i++) {
            int[] r = space.require("ranks", ranks.get(i));
            System.arraycopy(r, 0, flat, i * l, l);
        }
        return space.scaleFlat(flat);
    }

    /**
     * Trains on already standardised targets {@code z} (n rows of scaled inputs {@code x}), from the
     * current weights, with fresh Adam moments. Returns the last epoch's loss (standardised units).
     */
    public double train(float[] x, float[] z, int n, int epochs) {
        Adam adam = new Adam();
        int previousThreads = singleThreaded ? JniUtils.getNumThreads() : 0;
        if (singleThreaded) {
            JniUtils.setNumThreads(1);
        }
        double loss = Double.NaN;
        try (NDManager data = manager.newSubManager()) {
            NDArray input = data.create(x, new Shape(n, sizes[0]));
            NDArray target = data.create(z, new Shape(n, 1));
            for (int t = 1; t <= epochs; t++) {
                Gradients g = lossAndGradients(input, target);
                loss = g.loss();
                adam.update(g, t);
            }
        } finally {
            if (singleThreaded) {
                JniUtils.setNumThreads(previousThreads);
            }
        }
        return loss;
    }

    /** Adam moments of one {@link #train} call, in double precision, over the Java master weights. */
    private final class Adam {
        private final double[][] mw = new double[w.length][];
        private final double[][] vw = new double[w.length][];
        private final double[][] mb = new double[w.length][];
        private final double[][] vb = new double[w.length][];

        Adam() {
            for (int k = 0; k < w.length; k++) {
                mw[k] = new double[w[k].length];
                vw[k] = new double[w[k].length];
                mb[k] = new double[b[k].length];
                vb[k] = new double[b[k].length];
            }
        }

        void update(Gradients g, int t) {
            double lr = config.learningRate();
            double c1 = 1 - Math.pow(BETA1, t);
            double c2 = 1 - Math.pow(BETA2, t);
            for (int k = 0; k < w.length; k++) {
                adam(w[k], g.dw()[k], mw[k], vw[k], lr, c1, c2, config.weightDecay());
                adam(b[k], g.db()[k], mb[k], vb[k], lr, c1, c2, 0);
            }
        }
    }

    private static void adam(float[] p, float[] grad, double[] m, double[] v, double lr, double c1, double c2, double decay) {
        for (int i = 0; i < p.length; i++) {
            double gi = grad[i] + decay * p[i];
            m[i] = BETA1 * m[i] + (1 - BETA1) * gi;
            v[i] = BETA2 * v[i] + (1 - BETA2) * gi * gi;
            p[i] -= (float) (lr * (m[i] / c1) / (Math.sqrt(v[i] / c2) + EPS));
        }
    }

    /** Loss and parameter gradients of one full batch, computed with DJL autograd. */
    record Gradients(double loss, float[][] dw, float[][] db) {
    }

    /** Mean squared error on standardised targets and its gradients w.r.t. every weight and bias. */
    Gradients lossAndGradients(float[] x, float[] z, int n) {
        try (NDManager data = manager.newSubManager()) {
            return lossAndGradients(data.create(x, new Shape(n, sizes[0])), data.create(z, new Shape(n, 1)));
        }
    }

    /**
     * One step on inputs/targets that live in a longer-lived manager: they are attached to the
     * step's sub-manager for the step (so every op result lands there and is freed with it) and
     * return to their own manager afterwards.
     */
    private Gradients lossAndGradients(NDArray input, NDArray target) {
        int layers = w.length;
        float[][] dw = new float[layers][];
        float[][] db = new float[layers][];
        double loss;
        try (NDManager step = manager.newSubManager()) {
            step.tempAttachAll(input, target);
            NDArray[] pw = new NDArray[layers];
            NDArray[] pb = new NDArray[layers];
            for (int k = 0; k < layers; k++) {
                pw[k] = step.create(w[k], new Shape(sizes[k], sizes[k + 1]));
                pb[k] = step.create(b[k], new Shape(sizes[k + 1]));
                pw[k].setRequiresGradient(true);
                pb[k].setRequiresGradient(true);
            }
            try (GradientCollector collector = Engines.pytorch().newGradientCollector()) {
                NDArray out = forward(input, pw, pb);
                NDArray diff = out.sub(target);
                NDArray mse = diff.mul(diff).mean();
                collector.backward(mse);
                loss = mse.getFloat();
            }
            for (int k = 0; k < layers; k++) {
                dw[k] = pw[k].getGradient().toFloatArray();
                db[k] = pb[k].getGradient().toFloatArray();
            }
        }
        return new Gradients(loss, dw, db);
    }

    private NDArray forward(NDArray input, NDArray[] pw, NDArray[] pb) {
        NDArray h = input;
        for (int k = 0; k < pw.length; k++) {
            h = h.matMul(pw[k]).add(pb[k]);
            if (k < pw.length - 1) {
                h = config.activation() == ModelConfig.Activation.RELU ? Activation.relu(h) : h.tanh();
            }
        }
        return h;
    }

    /** Predicted scores (score units) for {@code count} rank vectors laid out flat (count x L). */
    public double[] predictFlat(int[] flatRanks, int count) {
        return predictScaled(space.scaleFlat(flatRanks), count);
    }

    public double[] predict(List<int[]> ranks) {
        return predictScaled(scaledRows(ranks), ranks.size());
    }

    public double predict(int[] ranks) {
        return predict(List.of(ranks))[0];
    }

    /**
     * Predicted scores for already scaled inputs, computed in plain Java (no autograd, no native
     * calls). Why not DJL here: prediction is a tiny dense MLP over thousands of rows, where JNI
     * overhead and native thread pools dominate; measured on a loaded 2-core machine, DJL's forward
     * of 4096 rows took 8 ms with one intra-op thread and over 100 ms with two contending threads,
     * while this loop is independent of the engine's thread settings. Blocks of rows run on the
     * common fork-join pool; each row is computed the same way whatever the split. Training stays on DJL autograd;
     * a test checks both forwards agree.
     */
    public double[] predictScaled(float[] x, int count) {
        int l = sizes[0];
        if (x.length != count * l) {
            throw new IllegalArgumentException("expected " + count + " x " + l + " inputs, got " + x.length);
        }
        double[] result = new double[count];
        int blocks = (count + PREDICT_BLOCK - 1) / PREDICT_BLOCK;
        if (blocks <= 1) {
            predictRows(x, 0, count, result);
        } else {
            // rows are independent, so the parallel split cannot change any result
            java.util.stream.IntStream.range(0, blocks).parallel().forEach(blk ->
                    predictRows(x, blk * PREDICT_BLOCK, Math.min(count, (blk + 1) * PREDICT_BLOCK), result));
        }
        return result;
    }

    private void predictRows(float[] x, int from, int to, double[] result) {
        int l = sizes[0];
        int maxWidth = 1;
        for (int s : sizes) {
            maxWidth = Math.max(maxWidth, s);
        }
        float[] a = new float[maxWidth];
        float[] h = new float[maxWidth];
        boolean relu = config.activation() == ModelConfig.Activation.RELU;
        for (int row = from; row < to; row++) {
            System.arraycopy(x, row * l, a, 0, l);
            for (int k = 0; k < w.length; k++) {
                int in = sizes[k];
                int out = sizes[k + 1];
                float[] wk = w[k];
                System.arraycopy(b[k], 0, h, 0, out);
                for (int i = 0; i < in; i++) {
                    float ai = a[i];
                    if (ai == 0f) {
                        continue;
                    }
                    int base = i * out;
                    for (int o = 0; o < out; o++) {
                        h[o] += ai * wk[base + o];
                    }
                }
                boolean last = k == w.length - 1;
                for (int o = 0; o < out; o++) {
                    float v = h[o];
                    a[o] = last ? v : relu ? (v > 0f ? v : 0f) : (float) Math.tanh(v);
                }
            }
            result[row] = a[0] * targetStd + targetMean;
        }
    }

    /**
     * Per-layer importance: the mean (and mean absolute) change of the prediction when one layer goes
     * from the smallest to the largest candidate rank, over {@code samples} random vectors.
     */
    public RankImportance importance(int samples, long sampleSeed) {
        return RankImportance.estimate(space, sizes[0], this::predictScaled, samples, sampleSeed);
    }

    /** A copy of the weights and standardisation. */
    public ModelState state() {
        List<float[]> ws = new ArrayList<>();
        List<float[]> bs = new ArrayList<>();
        for (int k = 0; k < w.length; k++) {
            ws.add(w[k].clone());
            bs.add(b[k].clone());
        }
        return new ModelState(sizes[0], config.hidden(), config.activation(), ws, bs, targetMean, targetStd);
    }

    /** Loads weights and standardisation; the architecture must match this model's. */
    public void load(ModelState state) {
        if (state.inputs() != sizes[0] || !state.hidden().equals(config.hidden()) || state.activation() != config.activation()) {
            throw new dev.rankadaptor.common.InvalidFieldException("model", "state is for " + state.inputs() + " inputs, hidden "
                    + state.hidden() + " " + state.activation() + "; this model has " + sizes[0] + " inputs, hidden "
                    + config.hidden() + " " + config.activation());
        }
        for (int k = 0; k < w.length; k++) {
            w[k] = state.weights().get(k).clone();
            b[k] = state.biases().get(k).clone();
        }
        targetMean = state.targetMean();
        targetStd = state.targetStd();
    }

    /** Native arrays currently held by this model's manager (and its sub-managers); 0 between calls. */
    int liveArrays() {
        return manager.getManagedArrays().size();
    }

    @Override
    public void close() {
        manager.close();
    }
}

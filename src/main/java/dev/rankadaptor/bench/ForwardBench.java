package dev.rankadaptor.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.rankadaptor.checkpoint.LayerLayout;
import dev.rankadaptor.checkpoint.LlamaConfig;
import dev.rankadaptor.compute.DeviceChoice;
import dev.rankadaptor.compute.Engines;
import dev.rankadaptor.model.LlamaModel;
import dev.rankadaptor.model.LlamaModels;
import dev.rankadaptor.model.ModelStep;

import java.util.Random;

/**
 * Forward-pass throughput of a hidden-512 LLaMA and its FLOP rate as a fraction of the dense
 * matMul FLOP rate measured in the same run: the ratio says how much of the machine's matrix
 * speed the op-by-op forward keeps, independent of how loaded the shared machine is.
 */
public final class ForwardBench {
    private ForwardBench() {
    }

    public static String run() {
        LlamaConfig c = new LlamaConfig(512, 1376, 8, 8, 8, 2048, 64, 1e-5, 10000, false, 512, 1, 2, "float32");
        LayerLayout layout = c.nominalLayout();
        int batch = 4;
        int t = 128;
        StringBuilder out = new StringBuilder();
        try (LlamaModel m = LlamaModels.random(c, layout, 1, 0.02, Device.cpu(), DataType.FLOAT32)) {
            long[] ids = new long[batch * t];
            Random r = new Random(3);
            for (int i = 0; i < ids.length; i++) {
                ids[i] = r.nextInt(c.vocabSize());
            }
            double fwdSeconds = time(() -> {
                try (ModelStep s = m.newStep()) {
                    m.forward(s.manager().create(ids, new Shape(batch, t)), null, false).getFloat(0, 0, 0);
                }
            });
            long tokens = (long) batch * t;
            long nonEmbed = layout.parameterCount(c) - 2L * c.vocabSize() * c.hiddenSize();
            double attn = 4.0 * c.numHiddenLayers() * t * c.hiddenSize(); // QK^T and PV per token
            double flops = tokens * (2.0 * (nonEmbed + (long) c.vocabSize() * c.hiddenSize()) + attn);
            double fwdRate = flops / fwdSeconds;
            double mmRate = matMulRate(512, 2048, 512);
            out.append(String.format("model hidden 512 x 8 layers, vocab 2048, batch %d x %d tokens%n", batch, t));
            out.append(String.format("forward: %.1f ms per batch, %.0f tokens/s, %.2f GFLOP/s%n", fwdSeconds * 1e3, tokens / fwdSeconds, fwdRate / 1e9));
            out.append(String.format("dense matMul [%d x %d] x [%d x %d]: %.2f GFLOP/s%n", 512, 2048, 2048, 512, mmRate / 1e9));
            out.append(String.format("forward FLOP rate / matMul FLOP rate = %.2f (target >= 0.4 on CPU)", fwdRate / mmRate));
        }
        return out.toString();
    }

    /** FLOP/s of a dense [m x k] x [k x n] matMul, best of several runs after warm-up. */
    public static double matMulRate(int m, int k, int n) {
        try (NDManager mgr = Engines.newManager(DeviceChoice.cpu())) {
            NDArray a = mgr.randomNormal(new Shape(m, k));
            NDArray b = mgr.randomNormal(new Shape(k, n));
            double secs = time(() -> {
                try (NDManager s = mgr.newSubManager()) {
                    s.tempAttachAll(a, b);
                    a.matMul(b).getFloat(0, 0);
                }
            });
            return 2.0 * m * k * n / secs;
        }
    }

    /** Median of 7 timed runs after 2 warm-ups, in seconds. */
    public static double time(Runnable r) {
        for (int i = 0; i < 2; i++) {
            r.run();
        }
        double[] s = new double[7];
        for (int i = 0; i < s.length; i++) {
            long t0 = System.nanoTime();
            r.run();
            s[i] = (System.nanoTime() - t0) / 1e9;
        }
        java.util.Arrays.sort(s);
        return s[s.length / 2];
    }
}

package dev.rankadaptor.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.rankadaptor.checkpoint.LayerLayout;
import dev.rankadaptor.checkpoint.LlamaConfig;
import dev.rankadaptor.compute.Engines;
import dev.rankadaptor.model.LlamaModel;
import dev.rankadaptor.model.LlamaModels;
import dev.rankadaptor.model.ModelStep;
import dev.rankadaptor.model.Projection;
import dev.rankadaptor.recover.LoraAttachment;
import dev.rankadaptor.recover.LoraConfig;
import dev.rankadaptor.train.AdamW;
import dev.rankadaptor.train.AdamWConfig;
import dev.rankadaptor.train.CausalLmLoss;

import java.util.Random;

/**
 * Throughput of one LoRA recovery step (forward, backward, AdamW on the adapters; rank 8 on all
 * seven projections, dropout on) and its FLOP rate as a fraction of a dense matMul of similar size
 * timed in the same run, for the demo-sized model (hidden 128, 8 layers, vocab 1024) and a
 * hidden-512 model. FLOPs are counted explicitly: forward = 2 * (linear + LoRA parameters) per
 * token plus attention scores and mixing (4 * T * attention width per token per layer); the step
 * is counted by the usual convention forward + backward = 3 x forward, and also by what a frozen
 * base really needs (activation gradients only: 2 x forward + 2 x LoRA parameters per token).
 * Steps and matMuls are timed in alternating rounds and the ratio is taken per round, because
 * the shared 2-core machine's load changes from second to second.
 */
public final class TrainingBench {
    private TrainingBench() {
    }

    private static final int ROUNDS = 7;

    public static String run() {
        StringBuilder out = new StringBuilder();
        out.append(measure("demo-sized", new LlamaConfig(128, 344, 4, 4, 8, 1024, 32, 1e-5, 10000, false, 512, 1, 2,
                "float32")));
        out.append(measure("hidden-512", new LlamaConfig(512, 1376, 8, 8, 8, 2048, 64, 1e-5, 10000, false, 512, 1, 2,
                "float32")));
        return out.toString();
    }

    static String measure(String name, LlamaConfig c) {
        int batch = 4;
        int t = 128;
        LayerLayout layout = c.nominalLayout();
        try (LlamaModel m = LlamaModels.random(c, layout, 1, 0.02, Device.cpu(), DataType.FLOAT32);
             LoraAttachment lora = LoraAttachment.attach(m, LoraConfig.uniform(c.numHiddenLayers(), 8, 1))) {
            Random r = new Random(3);
            long[] ids = new long[batch * (t + 1)];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = r.nextInt(c.vocabSize());
            }
            long[] in = new long[batch * t];
            long[] target = new long[batch * t];
            for (int b = 0; b < batch; b++) {
                System.arraycopy(ids, b * (t + 1), in, b * t, t);
                System.arraycopy(ids, b * (t + 1) + 1, target, b * t, t);
            }
            float[] mask = new float[batch * t];
            java.util.Arrays.fill(mask, 1f);
            Engines.pytorch().setRandomSeed(1);
            for (NDArray p : lora.trainableArrays()) {
                p.setRequiresGradient(true);
            }
            double[] stepSecs;
            double[] mmRates;
            int tokensPerStep = batch * t;
            try (AdamW opt = new AdamW(lora.trainableArrays(), AdamWConfig.defaults(), m.manager());
                 NDManager mmManager = m.manager().newSubManager()) {
                Runnable step = () -> {
                    try (ModelStep s = m.newStep(); GradientCollector gc = Engines.pytorch().newGradientCollector()) {
                        NDArray logits = m.forward(s.manager().create(in, new Shape(batch, t)), null, true);
                        NDArray loss = CausalLmLoss.loss(logits, s.manager().create(target, new Shape(batch, t)),
                                s.manager().create(mask, new Shape(batch, t)));
                        gc.backward(loss);
                    }
                    opt.update(1e-4);
                };
                NDArray x = mmManager.randomNormal(new Shape(tokensPerStep, c.hiddenSize()));
                NDArray w = mmManager.randomNormal(new Shape(c.hiddenSize(), c.intermediateSize()));
                Runnable mm = () -> {
                    try (NDManager s = mmManager.newSubManager()) {
                        s.tempAttachAll(x, w);
                        x.matMul(w).getFloat(0, 0);
                    }
                };
                step.run();
                step.run();
                for (int i = 0; i < 5; i++) {
                    mm.run();
                }
                stepSecs = new double[ROUNDS];
                mmRates = new double[ROUNDS];
                double mmFlops = 2.0 * tokensPerStep * c.hiddenSize() * c.intermediateSize();
                for (int round = 0; round < ROUNDS; round++) {
                    stepSecs[round] = seconds(step);
                    double[] mmSecs = new double[5];
                    for (int k = 0; k < mmSecs.length; k++) {
                        mmSecs[k] = seconds(mm);
                    }
                    mmRates[round] = mmFlops / median(mmSecs);
                }
            } finally {
                for (NDArray p : lora.trainableArrays()) {
                    p.setRequiresGradient(false);
                }
            }
            long tokens = (long) batch * t;
            long linear = 0;
            for (int l = 0; l < layout.size(); l++) {
                for (Projection p : Projection.values()) {
                    linear += m.layer(l).weight(p).size();
                }
            }
            linear += (long) c.vocabSize() * c.hiddenSize(); // lm_head
            long loraParams = lora.parameterCount();
            double attnPerToken = 4.0 * c.numHiddenLayers() * t * (long) c.numAttentionHeads() * c.headDim();
            double forward = tokens * (2.0 * (linear + loraParams) + attnPerToken);
            double conventional = 3 * forward;
            double frozenBase = 2 * forward + 2.0 * loraParams * tokens;
            // utilisation per round (step and matMuls timed back to back, so both see the same machine load)
            double[] util = new double[ROUNDS];
            for (int i = 0; i < ROUNDS; i++) {
                util[i] = conventional / stepSecs[i] / mmRates[i];
            }
            double stepSeconds = median(stepSecs);
            double mm = median(mmRates);
            double rate = conventional / stepSeconds;
            double utilMedian = median(util);
            return String.format("%s model: hidden %d x %d layers, vocab %d, LoRA r 8 on q,k,v,o,gate,up,down (%,d trainable),"
                            + " batch %d x %d tokens%n"
                            + "  LoRA step: %.1f ms, %.0f tokens/s; FLOPs/step %.3f G (3x forward), %.3f G (frozen-base count)%n"
                            + "  step FLOP rate %.2f GFLOP/s (3x-forward count), %.2f GFLOP/s (frozen-base count)%n"
                            + "  dense matMul [%d x %d] x [%d x %d] in the same run: %.2f GFLOP/s%n"
                            + "  utilisation vs matMul (median over %d interleaved rounds): %.2f (3x-forward count), %.2f (frozen-base count)%n",
                    name, c.hiddenSize(), c.numHiddenLayers(), c.vocabSize(), loraParams, batch, t,
                    stepSeconds * 1e3, tokens / stepSeconds, conventional / 1e9, frozenBase / 1e9,
                    rate / 1e9, frozenBase / stepSeconds / 1e9, tokens, c.hiddenSize(), c.hiddenSize(), c.intermediateSize(),
                    mm / 1e9, ROUNDS, utilMedian, utilMedian * frozenBase / conventional);
        }
    }

    private static double seconds(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s[s.length / 2];
    }

    public static void main(String[] args) {
        System.out.print(run());
    }
}

package dev.rankadaptor.bench;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import dev.rankadaptor.checkpoint.Checkpoint;
import dev.rankadaptor.checkpoint.LayerLayout;
import dev.rankadaptor.checkpoint.LlamaConfig;
import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.eval.EncodedPair;
import dev.rankadaptor.eval.EvalItem;
import dev.rankadaptor.eval.EvalListener;
import dev.rankadaptor.eval.Evaluator;
import dev.rankadaptor.eval.McItem;
import dev.rankadaptor.eval.PairEncoder;
import dev.rankadaptor.eval.PairEncoding;
import dev.rankadaptor.eval.Subset;
import dev.rankadaptor.eval.TaskData;
import dev.rankadaptor.eval.TaskFolder;
import dev.rankadaptor.eval.TaskKind;
import dev.rankadaptor.model.LlamaModel;
import dev.rankadaptor.model.LlamaModels;
import dev.rankadaptor.model.LlamaScorer;
import dev.rankadaptor.model.Projection;
import dev.rankadaptor.model.StagePeak;
import dev.rankadaptor.recover.LoraAttachment;
import dev.rankadaptor.recover.LoraConfig;
import dev.rankadaptor.train.AdamWConfig;
import dev.rankadaptor.train.LrSchedule;
import dev.rankadaptor.train.TokenBatch;
import dev.rankadaptor.train.TrainingLoop;
import dev.rankadaptor.train.TrainingSettings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The recovery-side stages of {@code bench scale}, each run in its own child by {@link ScaleStage}:
 * one LoRA step (micro-batch 4 x 256 tokens, r 8 on all seven projections, activation checkpointing,
 * frozen base F16-stored and computed per block in F32, or stored in F32) with its FLOP rate against a
 * dense matMul timed in the same process, and scoring N HellaSwag-format items (the demo's task file
 * encoded with the checkpoint's own tokenizer). Each returns the pre-flight estimate of its peak and
 * leaves a note (step time, FLOP rate, ratio) for the bench's table.
 */
final class ScaleLoraStages {
    static final int BATCH = 4;
    static final int SEQUENCE = 256;
    static final int RANK = 8;

    private ScaleLoraStages() {
    }

    /** Result of a stage: the pre-flight estimate and a key=value note (no spaces in values). */
    record Outcome(long estimate, String note) {
    }

    /** One checkpointed LoRA step; {@code f32Storage}: the frozen base held in F32 instead of F16. */
    static Outcome loraStep(Path checkpoint, boolean f32Storage) {
        try (Checkpoint ck = Checkpoint.open(checkpoint)) {
            LlamaConfig c = ck.config();
            LayerLayout layout = ck.layout();
            long estimate = StagePeak.loraStep(c, layout, f32Storage ? 4 : 2, true, BATCH, SEQUENCE, RANK, true).bytes();
            try (LlamaModel m = LlamaModels.load(c, layout, ck.tensors(), Device.cpu(),
                    f32Storage ? DataType.FLOAT32 : DataType.FLOAT16)) {
                m.computeIn(DataType.FLOAT32);
                try (LoraAttachment lora = LoraAttachment.attach(m, LoraConfig.uniform(layout.size(), RANK, 1))) {
                    Random r = new Random(7);
                    List<TokenBatch.Example> examples = new ArrayList<>();
                    for (int b = 0; b < BATCH; b++) {
                        int[] t = new int[SEQUENCE + 1];
                        for (int i = 0; i < t.length; i++) {
                            t[i] = r.nextInt(c.vocabSize());
                        }
                        examples.add(TokenBatch.Example.plain(t));
                    }
                    TrainingSettings s = new TrainingSettings(1, BATCH, BATCH, 1e-4, 0, LrSchedule.Decay.LINEAR,
                            AdamWConfig.defaults(), 0, 1, 0, 1, true);
                    // the reference rate is taken right before and right after the step and averaged: on a
                    // shared machine the speed a core gives drifts over the minutes a step takes
                    double mmBefore = matMulPerCpuSecond(m, BATCH * SEQUENCE, c.hiddenSize(), c.intermediateSize());
                    long t0 = System.nanoTime();
                    double cpu0 = cpuSeconds();
                    new TrainingLoop(m, lora.trainableArrays(), s, null).run(examples, List.of(), CancellationToken.none());
                    double stepCpu = cpuSeconds() - cpu0;
                    double step = (System.nanoTime() - t0) / 1e9;
                    double flops = frozenBaseFlops(m, lora.parameterCount(), BATCH, SEQUENCE);
                    double mmAfter = matMulPerCpuSecond(m, BATCH * SEQUENCE, c.hiddenSize(), c.intermediateSize());
                    double mm = (mmBefore + mmAfter) / 2;
                    return new Outcome(estimate, String.format(Locale.ROOT,
                            "step_s=%.2f step_cpu_s=%.2f gflop=%.1f gflops=%.2f mm_gflops=%.2f mm_before=%.2f mm_after=%.2f",
                            step, stepCpu, flops / 1e9, flops / stepCpu / 1e9, mm / 1e9, mmBefore / 1e9, mmAfter / 1e9));
                }
            }
        }
    }

    /**
     * CPU seconds of this process so far. Rates are per CPU second, not per wall second: the machine
     * these run on is shared, and CPU time is what the step and the matMul really got.
     */
    static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    /** FLOP per CPU second of a dense F32 [m x k] x [k x n] matMul (median of 5 samples of >= 0.2 CPU s after 2 warm-ups). */
    static double matMulPerCpuSecond(LlamaModel model, int m, int k, int n) {
        try (ai.djl.ndarray.NDManager mgr = model.manager().newSubManager()) {
            ai.djl.ndarray.NDArray a = mgr.randomNormal(new ai.djl.ndarray.types.Shape(m, k));
            ai.djl.ndarray.NDArray b = mgr.randomNormal(new ai.djl.ndarray.types.Shape(k, n));
            double[] secs = new double[7];
            for (int i = 0; i < secs.length; i++) {
                double t0 = cpuSeconds();
                int reps = 0;
                do {
                    try (ai.djl.ndarray.NDManager s = mgr.newSubManager()) {
                        s.tempAttachAll(a, b);
                        a.matMul(b).getFloat(0, 0);
                    }
                    reps++;
                } while (cpuSeconds() - t0 < 0.2);
                secs[i] = (cpuSeconds() - t0) / reps;
            }
            double[] timed = java.util.Arrays.copyOfRange(secs, 2, secs.length);
            java.util.Arrays.sort(timed);
            return 2.0 * m * k * n / timed[timed.length / 2];
        }
    }

    /**
     * FLOPs of one LoRA step by the frozen-base count: forward 2 x (linear + LoRA parameters) per token
     * plus attention scores and mixing, backward = activation gradients of the frozen base (2 x its
     * forward) and both LoRA products (2 x LoRA parameters more); the recomputation of checkpointing is
     * not counted (it is overhead, not work the step needs).
     */
    static double frozenBaseFlops(LlamaModel m, long loraParams, int batch, int sequence) {
        LlamaConfig c = m.config();
        long linear = (long) c.vocabSize() * c.hiddenSize();
        double attnPerToken = 0;
        for (int l = 0; l < m.numLayers(); l++) {
            for (Projection p : Projection.values()) {
                linear += m.layer(l).weight(p).size();
            }
            attnPerToken += 4.0 * sequence * m.layout().layer(l).heads() * c.headDim();
        }
        double tokens = (double) batch * sequence;
        double forward = tokens * (2.0 * (linear + loraParams) + attnPerToken);
        return 2 * forward + 2.0 * loraParams * tokens;
    }

    /** Scores the first {@code items} HellaSwag-format items of {@code demo}'s task folder. */
    static Outcome score(Path checkpoint, Path demo, int items) {
        try (Checkpoint ck = Checkpoint.open(checkpoint)) {
            LlamaConfig c = ck.config();
            boolean f16 = ck.dominantDtype() != dev.rankadaptor.checkpoint.SafetensorsDtype.F32;
            TaskData all = TaskFolder.load(demo.resolve("data/tasks"), TaskKind.HELLASWAG);
            List<EvalItem> first = all.items().subList(0, Math.min(items, all.items().size()));
            PairEncoder enc = new PairEncoder(ck.tokenizer(), PairEncoding.SEPARATE, c.eosTokenId());
            int longest = 0;
            int choices = 1;
            for (EvalItem it : first) {
                if (it instanceof McItem mc) {
                    choices = Math.max(choices, mc.continuations().size());
                    for (EncodedPair p : enc.encodeShared(mc.context(), mc.continuations())) {
                        longest = Math.max(longest, p.context().length + p.continuation().length);
                    }
                }
            }
            long estimate = StagePeak.scoring(c, ck.layout(), f16 ? 2 : 4, f16, longest, choices).bytes();
            try (LlamaModel m = LlamaModels.load(c, ck.layout(), ck.tensors(), Device.cpu(),
                    f16 ? DataType.FLOAT16 : DataType.FLOAT32)) {
                m.computeIn(DataType.FLOAT32);
                Evaluator ev = new Evaluator(new LlamaScorer(m), enc);
                long t0 = System.nanoTime();
                ev.evaluate(new TaskData(TaskKind.HELLASWAG, all.source(), first), Subset.all(), EvalListener.NONE,
                        CancellationToken.none());
                double secs = (System.nanoTime() - t0) / 1e9;
                return new Outcome(estimate, String.format(Locale.ROOT, "items=%d s_per_item=%.2f longest_tokens=%d",
                        first.size(), secs / first.size(), longest));
            }
        }
    }
}

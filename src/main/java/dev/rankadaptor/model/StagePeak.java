package dev.rankadaptor.model;

import dev.rankadaptor.checkpoint.LayerLayout;
import dev.rankadaptor.checkpoint.LlamaConfig;
import dev.rankadaptor.common.Check;

import java.util.Locale;

/**
 * The estimated peak resident memory of one stage of a run (prune, one training step, scoring)
 * as our code does it, from the model's per-layer widths: what the pre-flight compares with the
 * device's available memory before a stage starts. The terms follow the code: weights stay
 * memory-mapped in their stored dtype (all pages touched, so they count in full), one block at a
 * time is widened to F32, plus the stage's own working set and a fixed runtime overhead (JVM,
 * PyTorch, tokenizer). Checked against measured peaks by {@code bench scale}.
 */
public record StagePeak(String stage, long bytes, String breakdown) {
    /** Resident memory of the JVM, PyTorch and the tokenizer before any weight is read (measured: ~0.5 GiB). */
    public static final long RUNTIME_BYTES = 600L << 20;

    public StagePeak {
        Check.notNull("stage", stage);
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must be >= 0");
        }
    }

    /**
     * Block pruning with layer-wise Taylor importance on {@code samples} windows of {@code window}
     * tokens; {@code storedBytes} per weight as stored (2 for F16; BF16 is widened to F32 in
     * memory, so 2 + 4), {@code secondOrder} for element2 / mix (per-window squared sums).
     */
    public static StagePeak prune(LlamaConfig c, LayerLayout layout, int storedBytes, boolean widened,
                                  boolean secondOrder, int samples, int window) {
        long weights = layout.parameterCount(c) * (storedBytes + (widened ? 4 : 0));
        long block = largestBlock(c, layout);
        long sums = secondOrder ? 2 : 1;
        int chunk = secondOrder ? 1 : Math.min(samples, 10);
        long t = window - 1L;
        long h = c.hiddenSize();
        long blockWork = 4 * block * (2 + sums) + 4 * 4 * largestProjection(c, layout);
        long head = (storedBytes == 4 && !widened ? 0 : 4L * c.vocabSize() * h) + 4L * 4 * chunk * t * c.vocabSize();
        long states = 4L * samples * t * h * (layout.size() + 2);
        long work = blockWork + head + states;
        return new StagePeak("prune", RUNTIME_BYTES + weights + work, String.format(Locale.ROOT,
                "runtime %s + weights %s + one block's F32 copy, gradients and sums %s + output projection and logits %s"
                        + " + block-boundary states %s", human(RUNTIME_BYTES), human(weights), human(blockWork), human(head),
                human(states)));
    }

    /**
     * Depth pruning by calibration perplexity ({@code prune.DepthPruner}): no gradients, so besides
     * the weights only one block's F32 copy, the F32 output projection, the states entering the
     * skipped block and those of the pass above it, and one chunk of {@code min(samples, 10)}
     * windows' block intermediates and logits. Terms as in {@link #prune}.
     */
    public static StagePeak prunePerplexity(LlamaConfig c, LayerLayout layout, int storedBytes, boolean widened,
                                            int samples, int window) {
        long weights = layout.parameterCount(c) * (storedBytes + (widened ? 4 : 0));
        boolean copies = storedBytes != 4 || widened;
        int chunk = Math.min(samples, 10);
        long t = window - 1L;
        long h = c.hiddenSize();
        long blockWork = (copies ? 4 * largestBlock(c, layout) : 0) + 4L * chunk * t * (6 * h + 4L * c.intermediateSize());
        long head = (copies ? 4L * c.vocabSize() * h : 0) + 4L * 4 * chunk * t * c.vocabSize();
        long states = 4L * samples * t * h * 3;
        return new StagePeak("prune", RUNTIME_BYTES + weights + blockWork + head + states, String.format(Locale.ROOT,
                "runtime %s + weights %s + one block's F32 copy and intermediates %s + output projection and logits %s"
                        + " + hidden states %s", human(RUNTIME_BYTES), human(weights), human(blockWork), human(head),
                human(states)));
    }

    /**
     * Tokens per block pass of the checkpointed LoRA step (train.CheckpointedStep): each block runs,
     * and is recomputed, on this many tokens of the micro-batch at a time (at least one row), so one
     * pass's activations are alive instead of the whole micro-batch's.
     */
    public static final int CHECKPOINT_PASS_TOKENS = 512;

    /** Rows of a {@code batch} x {@code sequence} micro-batch per block pass of the checkpointed step. */
    public static int checkpointPassRows(int batch, int sequence) {
        return Math.max(1, Math.min(batch, CHECKPOINT_PASS_TOKENS / Math.max(1, sequence)));
    }

    /**
     * One LoRA training step of {@code batch} x {@code sequence} tokens, rank {@code rank} on all seven
     * projections. {@code storedBytes} is the frozen base's bytes per weight as held (2 = F16 storage,
     * computed per block in F32; 4 = F32). With {@code checkpointing} only block-boundary states and one
     * block's activations are held; without it every block's activations (and, for F16 storage on a
     * device without F16 compute, every block's F32 copy) live until backward.
     */
    public static StagePeak loraStep(LlamaConfig c, LayerLayout layout, int storedBytes, boolean f32Compute,
                                     int batch, int sequence, int rank, boolean checkpointing) {
        long weights = layout.parameterCount(c) * storedBytes;
        long tokens = (long) batch * sequence;
        // with checkpointing a block runs (and is recomputed) on a few rows of the micro-batch at a time
        int passRows = checkpointing ? checkpointPassRows(batch, sequence) : batch;
        long passTokens = (long) passRows * sequence;
        long h = c.hiddenSize();
        long d = c.headDim();
        long adapters = 0;
        long perLayerActivations = 0;
        for (LayerLayout.Layer l : layout.layers()) {
            long q = l.heads() * d;
            long kv = l.kvHeads() * d;
            long m = l.mlpWidth();
            adapters += (long) rank * ((h + q) + 2 * (h + kv) + (q + h) + 2 * (h + m) + (m + h));
            perLayerActivations = Math.max(perLayerActivations,
                    4 * (passTokens * (6 * h + 3 * q + 4 * kv + 5 * m + 7L * rank) + 3L * passRows * l.heads() * sequence * sequence));
        }
        int computeBytes = f32Compute ? 4 : storedBytes;
        long widenedBlock = f32Compute && storedBytes != 4 ? 4 * largestBlock(c, layout) : 0;
        long activations;
        if (checkpointing) {
            // block-boundary states and the two gradient slots, one pass's activations forward and backward
            activations = 4 * tokens * h * (layout.size() + 3) + 2 * perLayerActivations + widenedBlock;
        } else {
            activations = (long) layout.size() * (perLayerActivations * computeBytes / 4 + widenedBlock);
        }
        long head;
        if (checkpointing) {
            // CheckpointedStep: one micro-batch row at a time, the head widened 4096 vocabulary rows at a
            // time; that row's F32 logits, log-probabilities, gradient and one-hot targets
            long rows = f32Compute && storedBytes != 4 ? Math.min(c.vocabSize(), 4096) : 0;
            head = 4L * rows * h + 16L * sequence * c.vocabSize();
        } else {
            head = (f32Compute && storedBytes != 4 ? 4L * c.vocabSize() * h : 0) + 4L * 4 * tokens * c.vocabSize();
        }
        long state = adapters * 16;
        return new StagePeak("LoRA training step", RUNTIME_BYTES + weights + state + activations + head,
                String.format(Locale.ROOT, "runtime %s + frozen weights %s + LoRA r=%d state %s + activations %s%s"
                                + " + output projection and logits %s", human(RUNTIME_BYTES), human(weights), rank,
                        human(state), human(activations), checkpointing ? " (checkpointed per block)" : "", human(head)));
    }

    /**
     * Scoring multiple-choice items: weights as held ({@code storedBytes}; F16 storage computed per
     * block in F32 when {@code f32Compute}), the KV cache of {@code batch} continuations of up to
     * {@code context} tokens and their F32 logits.
     */
    public static StagePeak scoring(LlamaConfig c, LayerLayout layout, int storedBytes, boolean f32Compute,
                                    int context, int batch) {
        long weights = layout.parameterCount(c) * storedBytes;
        int computeBytes = f32Compute ? 4 : storedBytes;
        long kv = 0;
        for (LayerLayout.Layer l : layout.layers()) {
            kv += 2L * l.kvHeads() * c.headDim();
        }
        kv *= (long) context * batch * computeBytes;
        long work = (f32Compute && storedBytes != 4 ? 4 * largestBlock(c, layout) + 4L * c.vocabSize() * c.hiddenSize() : 0)
                + 3L * 4 * context * batch * c.vocabSize() + 16L * context * batch * c.intermediateSize();
        return new StagePeak("evaluation", RUNTIME_BYTES + weights + kv + work, String.format(Locale.ROOT,
                "runtime %s + weights %s + KV cache %s + working set %s", human(RUNTIME_BYTES), human(weights), human(kv),
                human(work)));
    }

    static long largestBlock(LlamaConfig c, LayerLayout layout) {
        long best = 0;
        for (int i = 0; i < layout.size(); i++) {
            long sum = 0;
            for (Projection p : Projection.values()) {
                long[] s = LlamaModels.expectedShape(p, layout.layer(i), c.hiddenSize(), c.headDim());
                sum += s[0] * s[1];
            }
            best = Math.max(best, sum);
        }
        return best;
    }

    private static long largestProjection(LlamaConfig c, LayerLayout layout) {
        long best = 0;
        for (int i = 0; i < layout.size(); i++) {
            for (Projection p : Projection.values()) {
                long[] s = LlamaModels.expectedShape(p, layout.layer(i), c.hiddenSize(), c.headDim());
                best = Math.max(best, s[0] * s[1]);
            }
        }
        return best;
    }

    /** "prune: 4.10 GiB (runtime ... + ...)" */
    public String format() {
        return stage + " peak " + human(bytes) + " (estimate: " + breakdown + ")";
    }

    static String human(long bytes) {
        return MemoryEstimate.human(bytes);
    }
}

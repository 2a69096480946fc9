package dev.rankadaptor.recover;

import ai.djl.Device;
import dev.rankadaptor.checkpoint.LayerLayout;
import dev.rankadaptor.checkpoint.LlamaConfig;
import dev.rankadaptor.compute.MemoryBudget;
import dev.rankadaptor.eval.EncodedPair;
import dev.rankadaptor.eval.EvalItem;
import dev.rankadaptor.eval.McItem;
import dev.rankadaptor.eval.PairEncoder;
import dev.rankadaptor.eval.PartialItem;
import dev.rankadaptor.eval.TaskData;
import dev.rankadaptor.model.StagePeak;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The memory pre-flight of the train and eval stages: the estimated peak of one LoRA step
 * ({@link StagePeak#loraStep}: frozen weights as held, adapters and their Adam state, the
 * activations of one micro-batch x cutoff with or without activation checkpointing, the output
 * projection and logits) and of scoring ({@link StagePeak#scoring}), checked against the memory the
 * device has ({@link MemoryBudget}) before a recovery, an evaluation, a trial or a run starts. A
 * stage that will not fit is refused with its name, the estimate, the memory available and what
 * to change.
 *
 * @param device       where the stage runs
 * @param weights      how the frozen base is held and computed ({@link BaseWeights})
 * @param microBatch   examples per forward pass
 * @param cutoff       tokens per example (the longest a micro-batch can be)
 * @param rank         the largest LoRA rank of the run (adapters are estimated at this rank everywhere)
 * @param checkpointing recovery.gradient_checkpointing
 */
public record RecoveryPreflight(Device device, BaseWeights weights, int microBatch, int cutoff, int rank,
                                boolean checkpointing) {

    /** The stage names the messages use. */
    public static final String TRAIN = "LoRA training step";
    public static final String EVAL = "evaluation";

    /**
     * This pre-flight with the base held in F32 instead of F16-stored when that still fits, for stages
     * that score (eval, trials): on the CPU every forward widens each block of an F16-stored base
     * again, which costs nothing measurable in a 4 x 256-token LoRA step (F16 storage was even 8% less
     * CPU) but dominates scoring short items (bench scale SCORE: 14 CPU s per HellaSwag item at the
     * 1.1B shape, against 1.8 s held in F32), so there F16 storage is kept only where F32 would not fit.
     * {@code training}: the LoRA step must fit too; scoring is checked at {@code context} tokens x
     * {@code choices}.
     */
    public RecoveryPreflight preferF32WhenItFits(LlamaConfig c, LayerLayout layout, boolean training, int context, int choices) {
        if (weights != BaseWeights.F16_STORED_F32_COMPUTE) {
            return this;
        }
        RecoveryPreflight f32 = new RecoveryPreflight(device, BaseWeights.F32, microBatch, cutoff, rank, checkpointing);
        MemoryBudget budget = MemoryBudget.of(device, 0);
        long peak = Math.max(training ? f32.train(c, layout).bytes() : 0, f32.score(c, layout, context, choices).bytes());
        return budget.known() && peak <= budget.availableBytes() ? f32 : this;
    }

    /** The estimated peak of one LoRA step of this configuration on a model of {@code layout}. */
    public StagePeak train(LlamaConfig c, LayerLayout layout) {
        return StagePeak.loraStep(c, layout, weights.storedBytes(), weights.f32Compute(), microBatch, cutoff, Math.max(1, rank),
                checkpointing);
    }

    /** The estimated peak of scoring items of up to {@code context} tokens with {@code choices} choices. */
    public StagePeak score(LlamaConfig c, LayerLayout layout, int context, int choices) {
        return StagePeak.scoring(c, layout, weights.storedBytes(), weights.f32Compute(), Math.max(1, context),
                Math.max(1, choices));
    }

    /** Refuses the LoRA step when its estimate exceeds the memory available (or the configured limit). */
    public void checkTrain(LlamaConfig c, LayerLayout layout) {
        StagePeak p = train(c, layout);
        MemoryBudget.of(device, 0).check(TRAIN + " (micro-batch " + microBatch + " x " + cutoff + " tokens, LoRA r " + rank
                + ", gradient checkpointing " + (checkpointing ? "on" : "off") + ", base " + weights.describe() + ")", p.bytes(),
                trainAdvice() + " Estimate: " + p.breakdown() + ".");
    }

    /** Refuses scoring when its estimate exceeds the memory available (or the configured limit). */
    public void checkScore(LlamaConfig c, LayerLayout layout, int context, int choices) {
        StagePeak p = score(c, layout, context, choices);
        MemoryBudget.of(device, 0).check(EVAL + " (items of up to " + context + " tokens x " + choices + " choices, base "
                + weights.describe() + ")", p.bytes(), "Free memory or give a larger --memory-limit, use a device with more "
                + "memory, or leave out the tasks with the longest items. Estimate: " + p.breakdown() + ".");
    }

    private String trainAdvice() {
        List<String> ways = new ArrayList<>();
        if (!checkpointing) {
            ways.add("turn on recovery.gradient_checkpointing (--gradient-checkpointing)");
        }
        if (microBatch > 1) {
            ways.add("lower recovery.micro_batch (now " + microBatch + ")");
        }
        ways.add("lower recovery.cutoff (now " + cutoff + ")");
        ways.add("free memory or give a larger --memory-limit");
        ways.add("use a device with more memory");
        return "To make it fit: " + String.join(", ", ways) + ".";
    }

    /**
     * The longest (context + continuation) in tokens and the most choices among {@code tasks}' items;
     * only the few longest items by characters are encoded, so this stays cheap on large task files.
     */
    public static int[] longestItem(List<TaskData> tasks, PairEncoder encoder) {
        List<EvalItem> items = new ArrayList<>();
        int choices = 1;
        for (TaskData t : tasks) {
            items.addAll(t.items());
        }
        for (EvalItem it : items) {
            choices = Math.max(choices, it.choiceCount());
        }
        items.sort(Comparator.comparingInt(RecoveryPreflight::characters).reversed());
        int longest = 1;
        for (EvalItem it : items.subList(0, Math.min(8, items.size()))) {
            List<EncodedPair> pairs = new ArrayList<>();
            if (it instanceof McItem mc) {
                pairs.addAll(encoder.encodeShared(mc.context(), mc.continuations()));
            } else if (it instanceof PartialItem p) {
                for (String ctx : p.contexts()) {
                    pairs.add(encoder.encode(ctx, p.continuation()));
                }
            }
            for (EncodedPair e : pairs) {
                longest = Math.max(longest, e.context().length + e.continuation().length);
            }
        }
        return new int[]{longest, choices};
    }

    private static int characters(EvalItem it) {
        if (it instanceof McItem mc) {
            return mc.context().length() + mc.continuations().stream().mapToInt(String::length).max().orElse(0);
        }
        PartialItem p = (PartialItem) it;
        return p.contexts().stream().mapToInt(String::length).max().orElse(0) + p.continuation().length();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "pre-flight on %s: micro-batch %d x %d, r %d, checkpointing %s, base %s", device,
                microBatch, cutoff, rank, checkpointing ? "on" : "off", weights.describe());
    }
}

package dev.rankadaptor.cli;

import dev.rankadaptor.checkpoint.Checkpoint;
import dev.rankadaptor.checkpoint.LayerLayout;
import dev.rankadaptor.recover.BaseWeights;
import dev.rankadaptor.recover.RecoveryPreflight;
import picocli.CommandLine.Option;

import java.util.List;

/**
 * The settings the train / eval pre-flight of {@code inspect} and {@code plan} is printed for:
 * device, micro-batch, cutoff, LoRA rank and gradient checkpointing (the project's recovery
 * defaults unless given); the base weights are held as recovery would hold them ({@link BaseWeights}).
 */
final class RecoveryMemoryOptions {
    @Option(names = "--device", defaultValue = "cpu", description = "device of the memory estimates: cpu, cuda or cuda:N (default ${DEFAULT-VALUE})")
    String device;

    @Option(names = "--micro-batch", defaultValue = "16", description = "examples per forward pass of the LoRA step estimate (recovery.micro_batch; default ${DEFAULT-VALUE})")
    int microBatch;

    @Option(names = "--cutoff", defaultValue = "256", description = "tokens per example of the LoRA step estimate, and the scoring context (recovery.cutoff; default ${DEFAULT-VALUE})")
    int cutoff;

    @Option(names = "--rank", defaultValue = "8", description = "LoRA rank of the estimate (default ${DEFAULT-VALUE})")
    int rank;

    @Option(names = "--gradient-checkpointing", description = "estimate the LoRA step with recovery.gradient_checkpointing on")
    boolean gradientCheckpointing;

    /** The train and eval lines for {@code layout} (scoring: items of {@code cutoff} tokens, 4 choices). */
    List<String> lines(Checkpoint ck, LayerLayout layout) {
        dev.rankadaptor.common.Check.positive("--micro-batch", microBatch);
        dev.rankadaptor.common.Check.positive("--cutoff", cutoff);
        dev.rankadaptor.common.Check.positive("--rank", rank);
        ai.djl.Device d = ModelOptions.resolve(device).toDjl();
        RecoveryPreflight p = new RecoveryPreflight(d, BaseWeights.choose(d, ck, gradientCheckpointing), microBatch, cutoff, rank,
                gradientCheckpointing);
        return p.describe(ck.config(), layout, cutoff, 4);
    }
}

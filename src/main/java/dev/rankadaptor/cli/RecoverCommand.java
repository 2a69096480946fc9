package dev.rankadaptor.cli;

import dev.rankadaptor.checkpoint.Checkpoint;
import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.common.InvalidFieldException;
import dev.rankadaptor.recover.AdaLoraConfig;
import dev.rankadaptor.recover.AlphaRule;
import dev.rankadaptor.recover.LoraConfig;
import dev.rankadaptor.recover.MergedCheckpointWriter;
import dev.rankadaptor.recover.PeftExporter;
import dev.rankadaptor.recover.Recoverer;
import dev.rankadaptor.recover.Recovery;
import dev.rankadaptor.recover.RecoveryConfig;
import dev.rankadaptor.recover.RecoveryData;
import dev.rankadaptor.model.LlamaModel;
import dev.rankadaptor.train.TrainingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/** LoRA (per-layer ranks) or AdaLoRA recovery of a checkpoint, exported in PEFT format. */
@Command(name = "recover", description = "LoRA / AdaLoRA recovery of a (pruned) checkpoint; writes a PEFT adapter folder.")
final class RecoverCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "checkpoint folder (usually a pruned one)")
    Path checkpoint;

    @Option(names = "--data", required = true, description = "Alpaca rows (instruction, input, output) as JSON, JSONL, Parquet or Arrow, or plain text")
    Path data;

    @Option(names = "--out", required = true, description = "PEFT adapter folder to write")
    Path out;

    @Option(names = "--rank", defaultValue = "8", description = "uniform LoRA rank (default ${DEFAULT-VALUE})")
    int rank;

    @Option(names = "--ranks", split = ",", description = "one rank per layer (overrides --rank; 0 = no adapter)")
    List<Integer> ranks;

    @Option(names = "--alpha-rule", defaultValue = "alpha_2r", description = "fixed, alpha_2r or rslora")
    String alphaRule;

    @Option(names = "--alpha", defaultValue = "16")
    double alpha;

    @Option(names = "--adalora", description = "AdaLoRA (budget 12 -> 8 per module) instead of LoRA")
    boolean adalora;

    @Option(names = "--steps", defaultValue = "0", description = "stop after this many optimizer steps (0 = epochs)")
    int steps;

    @Option(names = "--merge", description = "also write a merged checkpoint (base + B A) here")
    Path merge;

    @Option(names = "--seed", defaultValue = "42")
    long seed;

    @Mixin
    ModelOptions model;

    @Option(names = "--gradient-checkpointing",
            description = "recompute each block in backward instead of keeping its activations (same gradients, less memory;"
                    + " project.json: recovery.gradient_checkpointing)")
    boolean gradientCheckpointing;

    @picocli.CommandLine.Mixin
    MemoryLimitOption memoryLimit;

    @Override
    public Integer call() {
        try (Checkpoint ckpt = Checkpoint.open(checkpoint)) {
            RecoveryConfig rc = RecoveryConfig.demo().withSeed(seed).withMaxSteps(steps)
                    .withGradientCheckpointing(gradientCheckpointing);
            int maxRank = ranks == null ? rank : ranks.stream().mapToInt(Integer::intValue).max().orElse(rank);
            dev.rankadaptor.recover.RecoveryPreflight preflight = new dev.rankadaptor.recover.RecoveryPreflight(
                    model.resolvedDevice().toDjl(), model.weights(ckpt, gradientCheckpointing), rc.microBatchSize(),
                    rc.cutoffLength(), adalora ? (int) Math.round(1.5 * rank) : maxRank, gradientCheckpointing);
            // training alone: F16 storage is both leaner and no slower (bench scale LORA_STEP vs LORA_STEP_F32)
            preflight.checkTrain(ckpt.config(), ckpt.layout());
            try (LlamaModel m = preflight.weights().load(ckpt, model.resolvedDevice().toDjl())) {
                recover(ckpt, m, rc);
            }
        }
        return 0;
    }

    private void recover(Checkpoint ckpt, LlamaModel m, RecoveryConfig rc) {
        int layers = m.numLayers();
        int[] r = ranks == null ? null : ranks.stream().mapToInt(Integer::intValue).toArray();
        if (r != null && r.length != layers) {
            throw new InvalidFieldException("--ranks", "needs " + layers + " values (one per layer), got " + r.length);
        }
        if (r == null) {
            r = new int[layers];
            Arrays.fill(r, rank);
        }
        ProgressLine progress = new ProgressLine(System.err, 3000);
        TrainingListener listener = new TrainingListener() {
            @Override
            public void step(StepEvent e) {
                progress.update("recover", e.step(), e.totalSteps(), String.format("loss %.4f", e.loss()));
            }
        };
        RecoveryData rd = RecoveryData.read(data);
        try (Recovery rec = adalora
                ? Recoverer.recoverAdaLora(m, ckpt.tokenizer(), rd, AdaLoraConfig.defaults(seed), rc, listener, CancellationToken.none())
                : Recoverer.recover(m, ckpt.tokenizer(), rd, new LoraConfig(LoraConfig.allTargets(), r, AlphaRule.parse(alphaRule),
                alpha, 0.05, seed), rc, listener, CancellationToken.none())) {
            PeftExporter.export(rec.adapters(), 0.05, checkpoint.toAbsolutePath().toString(), out);
            if (merge != null) {
                MergedCheckpointWriter.write(m, rec.adapters().loraEquivalent(), merge, checkpoint);
            }
            var res = rec.result();
            System.out.printf("%s: %d steps in %.1f s, loss %.4f -> %.4f, validation %.4f -> %.4f, %,d trainable parameters, "
                            + "final ranks %s%nwrote %s%n", res.method(), res.steps(), res.seconds(), res.losses().get(0),
                    res.finalLoss(5), res.validationBefore(), res.validationAfter(), res.trainableParameters(),
                    Arrays.toString(res.finalLayerRanks()), out);
        }
    }
}

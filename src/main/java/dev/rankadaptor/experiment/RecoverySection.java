package dev.rankadaptor.experiment;

import dev.rankadaptor.common.InvalidFieldException;
import dev.rankadaptor.recover.LoraConfig;

import java.util.List;

/**
 * The project file's {@code recovery} section: how each trial trains LoRA adapters on the pruned
 * model. Defaults follow LLM-Pruner's recovery recipe with RankAdaptor's micro-batch of 16.
 *
 * @param targets          projections that get adapters (subset of q,k,v,o,gate,up,down _proj)
 * @param baseRank         rank of protected layers and of the uniform-LoRA baseline, 1..{@link LoraConfig#MAX_RANK}
 * @param alphaRule        "fixed" (scale alpha/r), "alpha_2r" (alpha = 2r, scale 2 at every rank) or "rslora" (scale alpha/sqrt(r))
 * @param alpha            LoRA alpha for "fixed" and "rslora" (ignored by "alpha_2r")
 * @param dropout          adapter dropout in [0, 1)
 * @param epochs           passes over the recovery data (&gt;= 1)
 * @param batch            examples per optimizer step
 * @param microBatch       examples per forward pass; must divide {@code batch}
 * @param lr               peak learning rate
 * @param warmupSteps      linear warm-up steps
 * @param cutoff           maximum tokens per example
 * @param trainOnResponses true: loss only on response tokens (prompt masked), as LLM-Pruner's default
 * @param maxSteps         cap on optimizer steps per trial; 0 = no cap (epochs decide)
 * @param dataFile         Alpaca-format JSON, relative to the project folder or absolute
 * @param validationSize   examples held out for validation loss (0 = none)
 * @param gradientCheckpointing recompute each decoder block in backward instead of keeping its activations
 *                         (same gradients to float tolerance, less memory, about 1.3x the compute); default false
 */
public record RecoverySection(List<String> targets, int baseRank, String alphaRule, double alpha, double dropout,
                              int epochs, int batch, int microBatch, double lr, int warmupSteps, int cutoff,
                              boolean trainOnResponses, int maxSteps, String dataFile, int validationSize,
                              boolean gradientCheckpointing) {
    public static final List<String> TARGETS = List.of("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj");
    public static final List<String> ALPHA_RULES = List.of("fixed", "alpha_2r", "rslora");

    public RecoverySection {
        targets = Fields.choices("recovery.targets", targets, TARGETS);
        if (targets.isEmpty()) {
            throw new InvalidFieldException("recovery.targets", "must name at least one projection");
        }
        Fields.between("recovery.base_rank", baseRank, 1, LoraConfig.MAX_RANK);
        alphaRule = Fields.oneOf("recovery.alpha_rule", alphaRule, ALPHA_RULES);
        Fields.positive("recovery.alpha", alpha);
        if (!(dropout >= 0 && dropout < 1)) {
            throw new InvalidFieldException("recovery.dropout", "must be in [0, 1), was " + dropout);
        }
        Fields.atLeast("recovery.epochs", epochs, 1);
        Fields.atLeast("recovery.batch", batch, 1);
        Fields.atLeast("recovery.micro_batch", microBatch, 1);
        if (batch % microBatch != 0) {
            throw new InvalidFieldException("recovery.micro_batch",
                    "must divide recovery.batch (" + batch + "), was " + microBatch);
        }
        Fields.positive("recovery.lr", lr);
        Fields.atLeast("recovery.warmup_steps", warmupSteps, 0);
        Fields.atLeast("recovery.cutoff", cutoff, 8);
        Fields.atLeast("recovery.max_steps", maxSteps, 0);
        dataFile = Fields.required("recovery.data_file", dataFile);
        Fields.atLeast("recovery.validation_size", validationSize, 0);
    }

    /** A section without activation checkpointing (the default). */
    public RecoverySection(List<String> targets, int baseRank, String alphaRule, double alpha, double dropout, int epochs,
                           int batch, int microBatch, double lr, int warmupSteps, int cutoff, boolean trainOnResponses,
                           int maxSteps, String dataFile, int validationSize) {
        this(targets, baseRank, alphaRule, alpha, dropout, epochs, batch, microBatch, lr, warmupSteps, cutoff,
                trainOnResponses, maxSteps, dataFile, validationSize, false);
    }

    /** The same section with {@code gradient_checkpointing} set. */
    public RecoverySection withGradientCheckpointing(boolean on) {
        return new RecoverySection(targets, baseRank, alphaRule, alpha, dropout, epochs, batch, microBatch, lr, warmupSteps,
                cutoff, trainOnResponses, maxSteps, dataFile, validationSize, on);
    }

    /** The same section with another {@code cutoff} (tokens per example). */
    public RecoverySection withCutoff(int newCutoff) {
        return new RecoverySection(targets, baseRank, alphaRule, alpha, dropout, epochs, batch, microBatch, lr, warmupSteps,
                newCutoff, trainOnResponses, maxSteps, dataFile, validationSize, gradientCheckpointing);
    }

    /** LLM-Pruner's recipe (r 8, dropout 0.05, 2 epochs, lr 1e-4, batch 64, cutoff 256) with micro-batch 16 and alpha = 2r. */
    public static RecoverySection withDefaults(String dataFile) {
        return new RecoverySection(TARGETS, 8, "alpha_2r", 16.0, 0.05, 2, 64, 16, 1e-4, 100, 256,
                true, 0, dataFile, 2000);
    }

    /**
     * A copy with the fields the Recovery &amp; Search panel edits replaced (everything else kept);
     * the one place those edits are turned into a section, so the panel's copies below stay one line each.
     */
    private RecoverySection edited(List<String> newTargets, int rank, String rule, double newAlpha, double newLr,
                                   int newEpochs, int newBatch, int newMicroBatch, String file, int validation) {
        return new RecoverySection(newTargets, rank, rule, newAlpha, dropout, newEpochs, newBatch, newMicroBatch, newLr,
                warmupSteps, cutoff, trainOnResponses, maxSteps, file, validation, gradientCheckpointing);
    }

    public RecoverySection withTargets(List<String> newTargets) {
        return edited(newTargets, baseRank, alphaRule, alpha, lr, epochs, batch, microBatch, dataFile, validationSize);
    }

    public RecoverySection withBaseRank(int rank) {
        return edited(targets, rank, alphaRule, alpha, lr, epochs, batch, microBatch, dataFile, validationSize);
    }

    public RecoverySection withAlphaRule(String rule) {
        return edited(targets, baseRank, rule, alpha, lr, epochs, batch, microBatch, dataFile, validationSize);
    }

    public RecoverySection withAlpha(double newAlpha) {
        return edited(targets, baseRank, alphaRule, newAlpha, lr, epochs, batch, microBatch, dataFile, validationSize);
    }

    public RecoverySection withLr(double newLr) {
        return edited(targets, baseRank, alphaRule, alpha, newLr, epochs, batch, microBatch, dataFile, validationSize);
    }

    public RecoverySection withEpochs(int newEpochs) {
        return edited(targets, baseRank, alphaRule, alpha, lr, newEpochs, batch, microBatch, dataFile, validationSize);
    }

    /**
     * A copy with another micro-batch; the batch becomes the nearest multiple of it at or below the
     * current batch (at least one micro-batch) when it does not divide the batch, as the panel edits
     * the micro-batch only.
     */
    public RecoverySection withMicroBatch(int newMicroBatch) {
        int newBatch = newMicroBatch < 1 || batch % newMicroBatch == 0 ? batch
                : newMicroBatch * Math.max(1, batch / newMicroBatch);
        return edited(targets, baseRank, alphaRule, alpha, lr, epochs, newBatch, newMicroBatch, dataFile, validationSize);
    }

    public RecoverySection withDataFile(String file) {
        return edited(targets, baseRank, alphaRule, alpha, lr, epochs, batch, microBatch, file, validationSize);
    }

    public RecoverySection withValidationSize(int validation) {
        return edited(targets, baseRank, alphaRule, alpha, lr, epochs, batch, microBatch, dataFile, validation);
    }

    /** The adapter's output scale for a layer of rank r under the alpha rule. */
    public double scaling(int rank) {
        Fields.atLeast("rank", rank, 1);
        return switch (alphaRule) {
            case "alpha_2r" -> 2.0;
            case "rslora" -> alpha / Math.sqrt(rank);
            default -> alpha / rank;
        };
    }

    /** The lora_alpha to record for a layer of rank r (PEFT's alpha_pattern value). */
    public double alphaFor(int rank) {
        Fields.atLeast("rank", rank, 1);
        return alphaRule.equals("alpha_2r") ? 2.0 * rank : alpha;
    }

    /** Gradient-accumulation steps per optimizer step. */
    public int accumulationSteps() {
        return batch / microBatch;
    }
}

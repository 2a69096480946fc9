package dev.rankadaptor.recover;

import dev.rankadaptor.common.Check;
import dev.rankadaptor.common.InvalidFieldException;
import dev.rankadaptor.train.AdamWConfig;
import dev.rankadaptor.train.LrSchedule;
import dev.rankadaptor.train.TrainingSettings;

/**
 * How to train the adapters. {@link #llmPruner()} is LLM-Pruner's recipe (2 epochs, batch 64,
 * micro-batch 4, lr 1e-4, 100 warmup steps then linear decay, cutoff 256, responses only, 2000
 * validation rows); {@link #demo()} scales it down for a tiny model on 2 CPU cores: one epoch,
 * batch 16 in micro-batches of 8, lr 2e-3 (tiny adapters on a tiny model need a larger step),
 * 4 warmup steps, 32 validation rows; the cutoff stays 256 because the demo tokenizer (1024
 * words) spends ~120 tokens on an Alpaca prompt (137 on prompt + response on average). maxSteps > 0 caps a run (search trials);
 * evalEvery 0 validates only at the end.
 */
public record RecoveryConfig(int epochs, int batchSize, int microBatchSize, double learningRate, int warmupSteps,
                             LrSchedule.Decay schedule, int cutoffLength, boolean trainOnResponsesOnly,
                             int validationSize, int maxSteps, int evalEvery, long seed, boolean gradientCheckpointing) {
    public RecoveryConfig {
        Check.positive("epochs", epochs);
        Check.positive("batch_size", batchSize);
        Check.positive("micro_batch_size", microBatchSize);
        if (microBatchSize > batchSize) {
            throw new InvalidFieldException("micro_batch_size", "must be <= batch_size (" + batchSize + "), was " + microBatchSize);
        }
        Check.inRange("learning_rate", learningRate, 1e-8, 1.0);
        Check.nonNegative("warmup_steps", warmupSteps);
        Check.notNull("lr_schedule", schedule);
        Check.inRange("cutoff_len", cutoffLength, 4, 1 << 16);
        Check.nonNegative("val_set_size", validationSize);
        Check.nonNegative("max_steps", maxSteps);
        Check.nonNegative("eval_every", evalEvery);
    }

    /** A configuration without activation checkpointing. */
    public RecoveryConfig(int epochs, int batchSize, int microBatchSize, double learningRate, int warmupSteps,
                          LrSchedule.Decay schedule, int cutoffLength, boolean trainOnResponsesOnly, int validationSize,
                          int maxSteps, int evalEvery, long seed) {
        this(epochs, batchSize, microBatchSize, learningRate, warmupSteps, schedule, cutoffLength, trainOnResponsesOnly,
                validationSize, maxSteps, evalEvery, seed, false);
    }

    /** The same with activation checkpointing per block on or off (same gradients, less memory, ~1.3x compute). */
    public RecoveryConfig withGradientCheckpointing(boolean on) {
        return new RecoveryConfig(epochs, batchSize, microBatchSize, learningRate, warmupSteps, schedule, cutoffLength,
                trainOnResponsesOnly, validationSize, maxSteps, evalEvery, seed, on);
    }

    public static RecoveryConfig llmPruner() {
        return new RecoveryConfig(2, 64, 4, 1e-4, 100, LrSchedule.Decay.LINEAR, 256, true, 2000, 0, 100, 42);
    }

    public static RecoveryConfig demo() {
        return new RecoveryConfig(1, 16, 8, 2e-3, 4, LrSchedule.Decay.LINEAR, 256, true, 32, 0, 0, 42);
    }

    public RecoveryConfig withMaxSteps(int steps) {
        return new RecoveryConfig(epochs, batchSize, microBatchSize, learningRate, warmupSteps, schedule, cutoffLength,
                trainOnResponsesOnly, validationSize, steps, evalEvery, seed, gradientCheckpointing);
    }

    public RecoveryConfig withSeed(long newSeed) {
        return new RecoveryConfig(epochs, batchSize, microBatchSize, learningRate, warmupSteps, schedule, cutoffLength,
                trainOnResponsesOnly, validationSize, maxSteps, evalEvery, newSeed, gradientCheckpointing);
    }

    /** Trainer settings (AdamW as HF Trainer: no weight decay, clip 1.0). */
    public TrainingSettings trainingSettings(int padId) {
        return new TrainingSettings(epochs, batchSize, microBatchSize, learningRate, warmupSteps, schedule,
                AdamWConfig.defaults(), evalEvery, maxSteps, padId, seed, gradientCheckpointing);
    }
}

package dev.rankadaptor.train;

import dev.rankadaptor.common.Check;

/**
 * Settings of one training run. batchSize examples per optimizer step, split into micro-batches
 * of microBatchSize (gradient accumulation); maxSteps > 0 caps the run (trial budgets);
 * gradientCheckpointing recomputes each block in backward instead of keeping its activations
 * ({@link CheckpointedStep}).
 */
public record TrainingSettings(int epochs, int batchSize, int microBatchSize, double learningRate, int warmupSteps,
                               LrSchedule.Decay decay, AdamWConfig adamW, int evalEvery, int maxSteps, int padId,
                               long seed, boolean gradientCheckpointing) {
    public TrainingSettings {
        Check.positive("epochs", epochs);
        Check.positive("batch_size", batchSize);
        Check.positive("micro_batch_size", microBatchSize);
        if (microBatchSize > batchSize) {
            throw new dev.rankadaptor.common.InvalidFieldException("micro_batch_size",
                    "must be <= batch_size (" + batchSize + "), was " + microBatchSize);
        }
        Check.positive("learning_rate", learningRate);
        Check.nonNegative("warmup_steps", warmupSteps);
        Check.notNull("lr_schedule", decay);
        Check.notNull("adamw", adamW);
        Check.nonNegative("eval_every", evalEvery);
        Check.nonNegative("max_steps", maxSteps);
        Check.nonNegative("pad_id", padId);
    }

    /** Settings without activation checkpointing. */
    public TrainingSettings(int epochs, int batchSize, int microBatchSize, double learningRate, int warmupSteps,
                            LrSchedule.Decay decay, AdamWConfig adamW, int evalEvery, int maxSteps, int padId, long seed) {
        this(epochs, batchSize, microBatchSize, learningRate, warmupSteps, decay, adamW, evalEvery, maxSteps, padId, seed,
                false);
    }
}

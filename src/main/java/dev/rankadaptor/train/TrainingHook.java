package dev.rankadaptor.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Extra work a training method needs around each optimizer step beyond plain cross-entropy:
 * AdaLoRA adds an orthogonality regulariser to the loss, reads gradients before the optimizer
 * clears them, and re-allocates ranks after the update. Plain LoRA uses {@link #NONE}.
 */
public interface TrainingHook {
    /**
     * A term added to each micro-batch loss inside the gradient collector (null: none). It is
     * weighted by the micro-batch's token share like the loss, so it counts once per step.
     * Built only from array-array ops on long-lived arrays (DJL trap 1, docs/architecture.md).
     */
    default NDArray extraLoss(NDManager stepManager) {
        return null;
    }

    /** All micro-batches of optimizer step {@code step} (1-based) are back-propagated; gradients are readable. */
    default void afterBackward(int step) {
    }

    /** Optimizer step {@code step} (1-based) updated the weights; {@code trainedTokens} were trained on in it. */
    default void afterUpdate(int step, int trainedTokens) {
    }

    TrainingHook NONE = new TrainingHook() {
    };
}

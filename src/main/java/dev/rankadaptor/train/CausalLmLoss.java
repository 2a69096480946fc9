package dev.rankadaptor.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Next-token cross-entropy averaged over the tokens that count (mask 1): the loss of pretraining,
 * of LoRA recovery (prompt tokens masked out) and of Taylor importance for pruning. Written with
 * array-array ops only, so it is safe inside autograd (DJL trap 1, docs/architecture.md).
 */
public final class CausalLmLoss {
    private CausalLmLoss() {
    }

    /**
     * @param logits  [B, T, V] F32: logits at position t predict targets[t]
     * @param targets [B, T] INT64
     * @param mask    [B, T] F32, 1 where the token is trained on, 0 for padding / prompt
     */
    public static NDArray loss(NDArray logits, NDArray targets, NDArray mask) {
        NDArray logp = logits.logSoftmax(-1);
        NDArray picked = logp.gather(targets.expandDims(-1), -1).squeeze(-1);
        NDArray m = mask.getDataType() == DataType.FLOAT32 ? mask : mask.toType(DataType.FLOAT32, false);
        return picked.mul(m).sum().neg().div(m.sum());
    }

    /**
     * The part of a batch's loss that a chunk of its rows contributes: the chunk's summed token
     * losses divided by {@code count}, the trained tokens of the whole batch (an array, not a Java
     * number: TRAP 1). Summed over the chunks it is {@link #loss} of the whole batch.
     */
    public static NDArray chunkLoss(NDArray logits, NDArray targets, NDArray mask, NDArray count) {
        NDArray logp = logits.logSoftmax(-1);
        NDArray picked = logp.gather(targets.expandDims(-1), -1).squeeze(-1);
        NDArray m = mask.getDataType() == DataType.FLOAT32 ? mask : mask.toType(DataType.FLOAT32, false);
        return picked.mul(m).sum().neg().div(count);
    }
}

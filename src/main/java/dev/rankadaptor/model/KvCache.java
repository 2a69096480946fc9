package dev.rankadaptor.model;

import ai.djl.ndarray.NDArray;

/**
 * Keys and values (after RoPE) of the tokens already processed, per layer, shaped
 * [batch, kvHeads, length, headDim]. Lets evaluation process a shared context once and lets
 * generation extend a sequence one token at a time.
 */
public final class KvCache {
    final NDArray[] keys;
    final NDArray[] values;
    int length;

    KvCache(int layers) {
        keys = new NDArray[layers];
        values = new NDArray[layers];
    }

    /** Number of positions already cached. */
    public int length() {
        return length;
    }

    /** Batch size of the cached tensors (1 for a prefilled shared context). */
    public long batch() {
        return keys[0] == null ? 0 : keys[0].getShape().get(0);
    }
}

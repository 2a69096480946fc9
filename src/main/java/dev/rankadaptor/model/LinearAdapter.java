package dev.rankadaptor.model;

import ai.djl.ndarray.NDArray;

/**
 * A trainable addition to one frozen Linear projection (LoRA, AdaLoRA). The model adds
 * {@code delta(x)} to {@code x W^T}; the base weight itself is never touched, so removing the
 * adapter restores the base model exactly.
 */
public interface LinearAdapter {
    /** The adapter's contribution for input x [..., in]; returns [..., out]. */
    NDArray delta(NDArray x, boolean training);
}

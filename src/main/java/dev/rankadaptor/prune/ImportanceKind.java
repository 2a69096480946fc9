package dev.rankadaptor.prune;

/**
 * Per-element Taylor importance of LLM-Pruner (paper Eq. 2), with s = W * dL/dW and H the
 * diagonal Fisher estimate (mean of per-sample squared gradients):
 * ELEMENT1 = |s| (first order, LLM-Pruner's default), ELEMENT2 = |W H W| (second order),
 * MIX = |s - 0.5 W H W|.
 */
public enum ImportanceKind {
    ELEMENT1, ELEMENT2, MIX;

    /** True when the kind needs per-sample squared gradients (one backward per window). */
    public boolean needsSecondOrder() {
        return this != ELEMENT1;
    }
}

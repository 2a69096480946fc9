package dev.rankadaptor.prune;

/**
 * How depth pruning scores a decoder block (Shortened LLaMA): TAYLOR = sum of |W * dL/dW| over the
 * block's weights; PERPLEXITY = calibration perplexity of the model with that block skipped (a
 * block whose removal hurts least has the lowest score).
 */
public enum DepthCriterion {
    TAYLOR, PERPLEXITY
}

package dev.rankadaptor.prune;

/**
 * How a model is made smaller: BLOCK removes attention heads and MLP channels inside each
 * prunable layer (LLM-Pruner block-wise), DEPTH removes whole decoder blocks (Shortened LLaMA).
 */
public enum PruningMethod {
    BLOCK, DEPTH
}

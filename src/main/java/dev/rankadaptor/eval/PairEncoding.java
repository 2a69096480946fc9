package dev.rankadaptor.eval;

/**
 * How a (context, continuation) text pair becomes token ids. The two rules differ only for
 * tokenizers whose tokens can span the context/continuation boundary (SentencePiece's dummy-prefix
 * space, BPE merges of leading spaces), which is exactly the LLaMA case, so the rule is a
 * visible choice rather than an implementation detail.
 */
public enum PairEncoding {
    /**
     * lm-evaluation-harness v0.3 as vendored by LLM-Pruner (the code that produced the paper's
     * numbers): context and continuation are encoded separately and concatenated; an empty
     * context becomes the single end-of-text token.
     */
    SEPARATE,
    /**
     * Newer harness {@code _encode_pair}: trailing whitespace of the context moves to the front of
     * the continuation, then whole = encode(context + continuation), ctx = encode(context) and the
     * continuation tokens are whole[len(ctx):]; an empty context becomes the prefix token.
     */
    JOINT
}

package dev.rankadaptor.model;

import java.util.List;

/**
 * The primitive zero-shot evaluation needs: how likely a continuation is after a context, in
 * token ids. Implemented by the LLaMA model; evaluation code depends only on this interface.
 */
public interface ContinuationScorer {
    /** Scores one (context, continuation) pair on its own. context may be empty only if BOS-free scoring is impossible: callers pass >= 1 context token. */
    ContinuationScore score(int[] context, int[] continuation);

    /**
     * Scores several continuations of one context. Must give the same numbers as calling
     * {@link #score} for each pair, but may process the shared context once.
     */
    List<ContinuationScore> scoreShared(int[] context, List<int[]> continuations);
}

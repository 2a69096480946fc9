package dev.rankadaptor.eval;

/**
 * Token ids of one (context, continuation) pair, ready for {@link dev.rankadaptor.model.ContinuationScorer}.
 *
 * @param context      context tokens (never empty)
 * @param continuation continuation tokens (never empty)
 */
public record EncodedPair(int[] context, int[] continuation) {
}

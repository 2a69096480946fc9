package dev.rankadaptor.eval;

/**
 * Shared-context vs per-pair scoring measured in one run on the same items: the speed-up and the
 * largest difference between the two modes' log-likelihoods (which must be ~0).
 *
 * @param items              items scored by each mode
 * @param choices            continuations scored by each mode
 * @param sharedSeconds      wall time of shared-context scoring
 * @param perPairSeconds     wall time of per-pair scoring
 * @param speedup            perPairSeconds / sharedSeconds
 * @param maxAbsLogLikDiff   largest |ll_shared - ll_per_pair| over all choices
 * @param samePredictions    whether both modes chose the same answer for every item
 */
public record ScoringModeComparison(int items, int choices, double sharedSeconds, double perPairSeconds,
                                    double speedup, double maxAbsLogLikDiff, boolean samePredictions) {

    public String describe() {
        return String.format(java.util.Locale.ROOT,
                "%d items / %d choices: shared %.3f s, per-pair %.3f s, speed-up %.2fx, max |diff| %.3g, same predictions %s",
                items, choices, sharedSeconds, perPairSeconds, speedup, maxAbsLogLikDiff, samePredictions);
    }
}

package dev.rankadaptor.eval;

import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.model.ContinuationScorer;

import java.util.List;

/**
 * Measures, within one run, how much faster shared-context scoring is than per-pair scoring on
 * the same multiple-choice items, and checks both give the same numbers (the target:
 * >= 1.8x on 4-choice items). For the CLI's bench command; never run inside unit tests as a
 * timing assertion.
 */
public final class ScoringModeBenchmark {
    private ScoringModeBenchmark() {
    }

    /**
     * Scores the items once per mode after one warm-up pass of each (per-pair first, so the
     * shared mode cannot profit from a colder start of the other).
     */
    public static ScoringModeComparison run(ContinuationScorer scorer, PairEncoder encoder, List<EvalItem> items,
                                            CancellationToken cancel) {
        ItemScorer shared = new ItemScorer(scorer, encoder, ScoringMode.SHARED);
        ItemScorer perPair = new ItemScorer(scorer, encoder, ScoringMode.PER_PAIR);
        int warm = Math.min(2, items.size());
        for (int i = 0; i < warm; i++) {
            perPair.score(items.get(i));
            shared.score(items.get(i));
        }
        ItemOutcome[] a = new ItemOutcome[items.size()];
        ItemOutcome[] b = new ItemOutcome[items.size()];
        long t0 = System.nanoTime();
        for (int i = 0; i < items.size(); i++) {
            cancel.throwIfCancelled();
            b[i] = perPair.score(items.get(i));
        }
        long t1 = System.nanoTime();
        for (int i = 0; i < items.size(); i++) {
            cancel.throwIfCancelled();
            a[i] = shared.score(items.get(i));
        }
        long t2 = System.nanoTime();
        double maxDiff = 0;
        boolean same = true;
        int choices = 0;
        for (int i = 0; i < a.length; i++) {
            double[] x = a[i].logLikelihoods();
            double[] y = b[i].logLikelihoods();
            choices += x.length;
            for (int j = 0; j < x.length; j++) {
                maxDiff = Math.max(maxDiff, Math.abs(x[j] - y[j]));
            }
            same &= a[i].predicted() == b[i].predicted() && a[i].predictedNorm() == b[i].predictedNorm();
        }
        double sharedS = (t2 - t1) / 1e9;
        double perPairS = (t1 - t0) / 1e9;
        return new ScoringModeComparison(items.size(), choices, sharedS, perPairS,
                sharedS > 0 ? perPairS / sharedS : Double.NaN, maxDiff, same);
    }
}

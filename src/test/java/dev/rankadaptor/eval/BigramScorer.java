package dev.rankadaptor.eval;

import dev.rankadaptor.model.ContinuationScore;
import dev.rankadaptor.model.ContinuationScorer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Deterministic test model: log P(next | previous token) from a table keyed by token texts, with a
 * default for unlisted pairs, so a continuation's log-likelihood is a hand-computable sum.
 * Records every call so tests can check how the evaluator used it.
 */
final class BigramScorer implements ContinuationScorer {
    static final double DEFAULT_LOGP = -5.0;
    private final FirstSightWordTokenizer tokenizer;
    private final Map<String, Double> table = new HashMap<>();
    final List<int[]> singleContexts = new ArrayList<>();
    final List<int[]> singleContinuations = new ArrayList<>();
    int sharedCalls;

    BigramScorer(FirstSightWordTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    BigramScorer set(String previous, String next, double logp) {
        table.put(previous + "\u0000" + next, logp);
        return this;
    }

    double logp(int previous, int next) {
        return table.getOrDefault(tokenizer.text(previous) + "\u0000" + tokenizer.text(next), DEFAULT_LOGP);
    }

    private ContinuationScore compute(int[] context, int[] continuation) {
        if (context.length == 0 || continuation.length == 0) {
            throw new IllegalArgumentException("empty context or continuation");
        }
        int prev = context[context.length - 1];
        double sum = 0;
        for (int t : continuation) {
            sum += logp(prev, t);
            prev = t;
        }
        return new ContinuationScore(sum, false, continuation.length);
    }

    @Override
    public ContinuationScore score(int[] context, int[] continuation) {
        singleContexts.add(context);
        singleContinuations.add(continuation);
        return compute(context, continuation);
    }

    @Override
    public List<ContinuationScore> scoreShared(int[] context, List<int[]> continuations) {
        sharedCalls++;
        List<ContinuationScore> out = new ArrayList<>();
        for (int[] c : continuations) {
            out.add(compute(context, c));
        }
        return out;
    }
}

package dev.rankadaptor.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.rankadaptor.common.CancellationToken;

/**
 * Perplexity of a token stream in non-overlapping windows (the convention of LLM-Pruner's
 * WikiText/PTB numbers): exp of the mean negative log-likelihood of every predicted token.
 */
public final class Perplexity {
    private Perplexity() {
    }

    /** Result with the token count so several files can be pooled. */
    public record Result(double perplexity, double meanNll, long tokens) {
    }

    public static Result compute(LlamaModel model, int[] tokens, int window, CancellationToken cancel) {
        if (window < 2) {
            throw new IllegalArgumentException("window must be >= 2");
        }
        if (tokens.length < 2) {
            throw new IllegalArgumentException("need at least 2 tokens to measure perplexity, got " + tokens.length);
        }
        double nll = 0;
        long count = 0;
        for (int startPos = 0; startPos + 1 < tokens.length; startPos += window) {
            cancel.throwIfCancelled();
            int len = Math.min(window, tokens.length - startPos);
            if (len < 2) {
                break;
            }
            long[] ids = new long[len];
            for (int i = 0; i < len; i++) {
                ids[i] = tokens[startPos + i];
            }
            try (ModelStep step = model.newStep()) {
                NDArray input = step.manager().create(ids, new Shape(1, len));
                NDArray logp = model.forward(input, null, false).logSoftmax(-1);
                long[] next = new long[len - 1];
                System.arraycopy(ids, 1, next, 0, len - 1);
                NDArray targets = step.manager().create(next, new Shape(1, len - 1, 1));
                NDArray picked = logp.get(":, :-1, :").gather(targets, 2);
                for (float v : picked.toFloatArray()) {
                    nll -= v;
                }
                count += len - 1;
            }
        }
        return new Result(Math.exp(nll / count), nll / count, count);
    }
}

package dev.rankadaptor.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Continuation log-likelihoods from a {@link LlamaModel}, as lm-evaluation-harness computes them:
 * the sum of log p(token) over the continuation given everything before it, context truncated
 * from the left to the model's window. The shared form runs the context once (KV cache) and the
 * choices as one right-padded batch.
 */
public final class LlamaScorer implements ContinuationScorer {
    private final LlamaModel model;
    private final int maxLength;

    public LlamaScorer(LlamaModel model) {
        this(model, model.config().maxPositionEmbeddings());
    }

    public LlamaScorer(LlamaModel model, int maxLength) {
        this.model = model;
        this.maxLength = maxLength;
    }

    @Override
    public ContinuationScore score(int[] context, int[] continuation) {
        check(context, continuation);
        int[] ctx = truncate(context, continuation.length);
        int[] input = new int[ctx.length + continuation.length - 1];
        System.arraycopy(ctx, 0, input, 0, ctx.length);
        System.arraycopy(continuation, 0, input, ctx.length, continuation.length - 1);
        try (ModelStep step = model.newStep()) {
            NDManager m = step.manager();
            NDArray tokens = m.create(toLong(input), new Shape(1, input.length));
            NDArray logits = model.forward(tokens, null, false);
            NDArray tail = logits.get(new NDIndex("0, {}:", ctx.length - 1));
            return sum(tail, continuation, 0, continuation.length);
        }
    }

    @Override
    public List<ContinuationScore> scoreShared(int[] context, List<int[]> continuations) {
        int longest = 0;
        for (int[] c : continuations) {
            check(context, c);
            longest = Math.max(longest, c.length);
        }
        int[] ctx = truncate(context, longest);
        List<ContinuationScore> out = new ArrayList<>();
        try (ModelStep step = model.newStep()) {
            NDManager m = step.manager();
            KvCache cache = model.newCache();
            NDArray ctxLogits = model.forward(m.create(toLong(ctx), new Shape(1, ctx.length)), cache, false);
            NDArray firstLogProbs = ctxLogits.get(new NDIndex("0, -1")).logSoftmax(-1);
            float[] first = firstLogProbs.toFloatArray();
            int firstArg = (int) firstLogProbs.argMax().getLong();
            NDArray rest = null;
            if (longest > 1) {
                int k = continuations.size();
                long[] batch = new long[k * (longest - 1)];
                for (int i = 0; i < k; i++) {
                    int[] c = continuations.get(i);
                    for (int j = 0; j < c.length - 1; j++) {
                        batch[i * (longest - 1) + j] = c[j];
                    }
                }
                rest = model.forward(m.create(batch, new Shape(k, longest - 1)), cache, false);
            }
            for (int i = 0; i < continuations.size(); i++) {
                int[] c = continuations.get(i);
                double ll = first[c[0]];
                boolean greedy = firstArg == c[0];
                if (c.length > 1) {
                    ContinuationScore tail = sum(rest.get(new NDIndex("{}, :{}", i, c.length - 1)), c, 1, c.length - 1);
                    ll += tail.logLikelihood();
                    greedy &= tail.greedy();
                }
                out.add(new ContinuationScore(ll, greedy, c.length));
            }
        }
        return out;
    }

    /** Sums log-softmax of logits rows [n, V] at targets[from .. from+n). */
    private static ContinuationScore sum(NDArray logitRows, int[] targets, int from, int n) {
        NDArray logp = logitRows.logSoftmax(-1);
        long[] idx = new long[n];
        for (int j = 0; j < n; j++) {
            idx[j] = targets[from + j];
        }
        NDArray picked = logp.gather(logp.getManager().create(idx, new Shape(n, 1)), 1);
        float[] values = picked.toFloatArray();
        long[] argmax = logp.argMax(1).toLongArray();
        double total = 0;
        boolean greedy = true;
        for (int j = 0; j < n; j++) {
            total += values[j];
            greedy &= argmax[j] == idx[j];
        }
        return new ContinuationScore(total, greedy, n);
    }

    private int[] truncate(int[] context, int continuationLength) {
        int keep = maxLength + 1 - continuationLength;
        if (keep < 1) {
            throw new IllegalArgumentException("continuation of " + continuationLength
                    + " tokens does not fit the model window of " + maxLength);
        }
        return context.length <= keep ? context : Arrays.copyOfRange(context, context.length - keep, context.length);
    }

    private static void check(int[] context, int[] continuation) {
        if (context.length == 0) {
            throw new IllegalArgumentException("context must hold at least one token (pass BOS for an empty context)");
        }
        if (continuation.length == 0) {
            throw new IllegalArgumentException("continuation must hold at least one token");
        }
    }

    static long[] toLong(int[] ids) {
        long[] out = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = ids[i];
        }
        return out;
    }
}

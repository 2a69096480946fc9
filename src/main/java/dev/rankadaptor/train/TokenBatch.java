package dev.rankadaptor.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.List;

/**
 * A right-padded batch of token sequences for causal-LM training: inputs are tokens[0..n-2],
 * targets tokens[1..n-1], and the mask marks which targets are trained on (padding never; prompt
 * tokens not when training on responses only).
 */
public record TokenBatch(long[] inputs, long[] targets, float[] mask, int batch, int length) {

    /** One training example: token ids and, per token, whether predicting it is trained on. */
    public record Example(int[] tokens, boolean[] trained) {
        public Example {
            if (tokens.length < 2) {
                throw new IllegalArgumentException("an example needs at least 2 tokens, had " + tokens.length);
            }
            if (trained != null && trained.length != tokens.length) {
                throw new IllegalArgumentException("trained mask length " + trained.length + " != tokens " + tokens.length);
            }
        }

        public static Example plain(int[] tokens) {
            return new Example(tokens, null);
        }

        boolean isTrained(int i) {
            return trained == null || trained[i];
        }
    }

    public static TokenBatch of(List<Example> examples, int padId) {
        int len = 0;
        for (Example e : examples) {
            len = Math.max(len, e.tokens().length - 1);
        }
        int b = examples.size();
        long[] in = new long[b * len];
        long[] tg = new long[b * len];
        float[] mask = new float[b * len];
        java.util.Arrays.fill(in, padId);
        java.util.Arrays.fill(tg, padId);
        for (int i = 0; i < b; i++) {
            int[] t = examples.get(i).tokens();
            for (int j = 0; j < t.length - 1; j++) {
                in[i * len + j] = t[j];
                tg[i * len + j] = t[j + 1];
                mask[i * len + j] = examples.get(i).isTrained(j + 1) ? 1f : 0f;
            }
        }
        return new TokenBatch(in, tg, mask, b, len);
    }

    /** Number of target tokens that count in the loss. */
    public int trainedTokens() {
        int n = 0;
        for (float f : mask) {
            n += f > 0 ? 1 : 0;
        }
        return n;
    }

    public NDArray inputs(NDManager m) {
        return m.create(inputs, new Shape(batch, length));
    }

    public NDArray targets(NDManager m) {
        return m.create(targets, new Shape(batch, length));
    }

    public NDArray mask(NDManager m) {
        return m.create(mask, new Shape(batch, length));
    }
}

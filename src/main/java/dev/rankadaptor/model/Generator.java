package dev.rankadaptor.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

import java.util.Arrays;
import java.util.Random;

/**
 * Greedy or sampled text generation with a KV cache: the prompt is processed once, then one
 * token per step. Sampling happens in Java from the last logits so it is reproducible per seed.
 */
public final class Generator {
    private final LlamaModel model;

    public Generator(LlamaModel model) {
        this.model = model;
    }

    /** Returns only the new token ids (without the prompt). */
    public int[] generate(int[] prompt, GenerationConfig cfg) {
        if (prompt.length == 0) {
            throw new IllegalArgumentException("prompt must hold at least one token");
        }
        int window = model.config().maxPositionEmbeddings();
        int[] start = prompt.length >= window ? Arrays.copyOfRange(prompt, prompt.length - window + 1, prompt.length) : prompt;
        int budget = Math.min(cfg.maxNewTokens(), window - start.length);
        Random rng = new Random(cfg.seed());
        int[] out = new int[Math.max(budget, 0)];
        int n = 0;
        try (ModelStep step = model.newStep()) {
            NDManager m = step.manager();
            KvCache cache = model.newCache();
            NDArray logits = model.forward(m.create(LlamaScorer.toLong(start), new Shape(1, start.length)), cache, false);
            while (n < budget) {
                float[] last = logits.get(new NDIndex("0, -1")).toFloatArray();
                int next = pick(last, cfg, rng);
                out[n++] = next;
                if (cfg.stopAtEos() && next == model.config().eosTokenId()) {
                    break;
                }
                if (n < budget) {
                    logits = model.forward(m.create(new long[]{next}, new Shape(1, 1)), cache, false);
                }
            }
        }
        return Arrays.copyOf(out, n);
    }

    static int pick(float[] logits, GenerationConfig cfg, Random rng) {
        if (cfg.temperature() == 0) {
            int best = 0;
            for (int i = 1; i < logits.length; i++) {
                if (logits[i] > logits[best]) {
                    best = i;
                }
            }
            return best;
        }
        Integer[] order = new Integer[logits.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        int k = cfg.topK() == 0 ? logits.length : Math.min(cfg.topK(), logits.length);
        Arrays.sort(order, (a, b) -> Float.compare(logits[b], logits[a]));
        double max = logits[order[0]];
        double[] p = new double[k];
        double z = 0;
        for (int i = 0; i < k; i++) {
            p[i] = Math.exp((logits[order[i]] - max) / cfg.temperature());
            z += p[i];
        }
        double u = rng.nextDouble() * z;
        for (int i = 0; i < k; i++) {
            u -= p[i];
            if (u <= 0) {
                return order[i];
            }
        }
        return order[k - 1];
    }
}

package dev.rankadaptor.model;

import dev.rankadaptor.common.Check;

/**
 * How to decode: temperature 0 means greedy; otherwise softmax sampling at that temperature from
 * the top-k tokens (topK 0 = all), reproducible from the seed.
 */
public record GenerationConfig(int maxNewTokens, double temperature, int topK, long seed, boolean stopAtEos) {
    public GenerationConfig {
        Check.positive("max_new_tokens", maxNewTokens);
        Check.inRange("temperature", temperature, 0.0, 100.0);
        Check.nonNegative("top_k", topK);
    }

    public static GenerationConfig greedy(int maxNewTokens) {
        return new GenerationConfig(maxNewTokens, 0, 0, 0, true);
    }
}

package dev.rankadaptor.bench;

import dev.rankadaptor.checkpoint.LlamaConfig;

import java.util.Locale;

/**
 * The real model shapes {@code bench scale} generates random checkpoints of (published
 * config.json values; vocabulary 32,000 as LLaMA's SentencePiece tokenizer).
 */
enum ScaleShape {
    TINYLLAMA_1_1B("tinyllama-1.1b", new LlamaConfig(2048, 5632, 32, 4, 22, 32000, 64, 1e-5, 10000.0, false, 2048, 1, 2,
            "float16")),
    LLAMA_7B("llama-7b", new LlamaConfig(4096, 11008, 32, 32, 32, 32000, 128, 1e-6, 10000.0, false, 2048, 1, 2,
            "float16")),
    LLAMA_13B("llama-13b", new LlamaConfig(5120, 13824, 40, 40, 40, 32000, 128, 1e-6, 10000.0, false, 2048, 1, 2,
            "float16"));

    final String id;
    final LlamaConfig config;

    ScaleShape(String id, LlamaConfig config) {
        this.id = id;
        this.config = config;
    }

    /** Parses the command-line name, e.g. {@code llama-7b}. */
    static ScaleShape parse(String s) {
        for (ScaleShape v : values()) {
            if (v.id.equalsIgnoreCase(s.trim()) || v.name().equalsIgnoreCase(s.trim())) {
                return v;
            }
        }
        throw new dev.rankadaptor.common.InvalidFieldException("--shape", "expected tinyllama-1.1b, llama-7b or llama-13b, was "
                + s.toLowerCase(Locale.ROOT));
    }

    /** Parameters of the nominal model (embeddings, layers, norm, untied head). */
    long parameters() {
        return config.nominalLayout().parameterCount(config);
    }
}

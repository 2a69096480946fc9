package dev.rankadaptor.checkpoint;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rankadaptor.common.AtomicFiles;
import dev.rankadaptor.common.Json;

import java.nio.file.Path;

/**
 * Writes a config.json that Hugging Face transformers and {@link LlamaConfigReader} both accept, for
 * checkpoints this tool produces (pruned models, the demo model). Written atomically.
 */
public final class LlamaConfigWriter {
    private LlamaConfigWriter() {
    }

    public static ObjectNode toJson(LlamaConfig c) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.putArray("architectures").add("LlamaForCausalLM");
        o.put("model_type", "llama");
        o.put("hidden_size", c.hiddenSize());
        o.put("intermediate_size", c.intermediateSize());
        o.put("num_attention_heads", c.numAttentionHeads());
        o.put("num_key_value_heads", c.numKeyValueHeads());
        o.put("num_hidden_layers", c.numHiddenLayers());
        o.put("vocab_size", c.vocabSize());
        o.put("head_dim", c.headDim());
        o.put("rms_norm_eps", c.rmsNormEps());
        o.put("rope_theta", c.ropeTheta());
        o.put("tie_word_embeddings", c.tieWordEmbeddings());
        o.put("max_position_embeddings", c.maxPositionEmbeddings());
        o.put("bos_token_id", c.bosTokenId());
        o.put("eos_token_id", c.eosTokenId());
        o.put("torch_dtype", c.torchDtype());
        o.put("hidden_act", "silu");
        return o;
    }

    public static void write(LlamaConfig config, Path file) {
        AtomicFiles.writeString(file, toJson(config).toPrettyString() + "\n");
    }
}

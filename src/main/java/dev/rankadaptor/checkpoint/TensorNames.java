package dev.rankadaptor.checkpoint;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Hugging Face LLaMA tensor names (reference-facts §5) and their shapes for a layout, in one
 * place, so that readers, writers (pruned and demo checkpoints) and tests agree on them.
 */
public final class TensorNames {
    public static final String EMBED = "model.embed_tokens.weight";
    public static final String FINAL_NORM = "model.norm.weight";
    public static final String LM_HEAD = "lm_head.weight";

    private TensorNames() {
    }

    public static String layer(int i, String suffix) {
        return "model.layers." + i + "." + suffix;
    }

    public static String q(int i) {
        return layer(i, "self_attn.q_proj.weight");
    }

    public static String k(int i) {
        return layer(i, "self_attn.k_proj.weight");
    }

    public static String v(int i) {
        return layer(i, "self_attn.v_proj.weight");
    }

    public static String o(int i) {
        return layer(i, "self_attn.o_proj.weight");
    }

    public static String gate(int i) {
        return layer(i, "mlp.gate_proj.weight");
    }

    public static String up(int i) {
        return layer(i, "mlp.up_proj.weight");
    }

    public static String down(int i) {
        return layer(i, "mlp.down_proj.weight");
    }

    public static String inputNorm(int i) {
        return layer(i, "input_layernorm.weight");
    }

    public static String postAttentionNorm(int i) {
        return layer(i, "post_attention_layernorm.weight");
    }

    /**
     * Every tensor of an HF LLaMA model with the layout's widths, in the usual file order
     * (Linear weights are [out, in]); lm_head only when embeddings are not tied.
     */
    public static Map<String, long[]> shapes(LlamaConfig c, LayerLayout layout) {
        Map<String, long[]> s = new LinkedHashMap<>();
        long h = c.hiddenSize();
        long d = c.headDim();
        s.put(EMBED, new long[]{c.vocabSize(), h});
        for (int i = 0; i < layout.size(); i++) {
            LayerLayout.Layer l = layout.layer(i);
            s.put(inputNorm(i), new long[]{h});
            s.put(q(i), new long[]{l.heads() * d, h});
            s.put(k(i), new long[]{l.kvHeads() * d, h});
            s.put(v(i), new long[]{l.kvHeads() * d, h});
            s.put(o(i), new long[]{h, l.heads() * d});
            s.put(postAttentionNorm(i), new long[]{h});
            s.put(gate(i), new long[]{l.mlpWidth(), h});
            s.put(up(i), new long[]{l.mlpWidth(), h});
            s.put(down(i), new long[]{h, l.mlpWidth()});
        }
        s.put(FINAL_NORM, new long[]{h});
        if (!c.tieWordEmbeddings()) {
            s.put(LM_HEAD, new long[]{c.vocabSize(), h});
        }
        return s;
    }
}

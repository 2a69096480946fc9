package dev.rankadaptor.checkpoint;

import dev.rankadaptor.common.Check;

/**
 * The architecture fields of a Hugging Face LLaMA-family config.json (LLaMA 1/2/3, Vicuna,
 * TinyLlama-style GQA). These are the nominal widths: a pruned checkpoint may have narrower
 * layers, which {@link LayerLayout} records per layer from the tensors themselves.
 */
public record LlamaConfig(
        int hiddenSize,
        int intermediateSize,
        int numAttentionHeads,
        int numKeyValueHeads,
        int numHiddenLayers,
        int vocabSize,
        int headDim,
        double rmsNormEps,
        double ropeTheta,
        boolean tieWordEmbeddings,
        int maxPositionEmbeddings,
        int bosTokenId,
        int eosTokenId,
        String torchDtype) {

    public LlamaConfig {
        Check.positive("hidden_size", hiddenSize);
        Check.positive("intermediate_size", intermediateSize);
        Check.positive("num_attention_heads", numAttentionHeads);
        Check.positive("num_key_value_heads", numKeyValueHeads);
        Check.positive("num_hidden_layers", numHiddenLayers);
        Check.positive("vocab_size", vocabSize);
        Check.positive("head_dim", headDim);
        Check.positive("rms_norm_eps", rmsNormEps);
        Check.positive("rope_theta", ropeTheta);
        Check.positive("max_position_embeddings", maxPositionEmbeddings);
        if (numAttentionHeads % numKeyValueHeads != 0) {
            throw new dev.rankadaptor.common.InvalidFieldException("num_key_value_heads",
                    "must divide num_attention_heads (" + numAttentionHeads + "), was " + numKeyValueHeads);
        }
        if (torchDtype == null) {
            torchDtype = "float32";
        }
    }

    /** Query heads per key/value head (1 for classic multi-head attention). */
    public int groupSize() {
        return numAttentionHeads / numKeyValueHeads;
    }

    /** The uniform layout this config describes (what an unpruned checkpoint has). */
    public LayerLayout nominalLayout() {
        return LayerLayout.uniform(numHiddenLayers, numAttentionHeads, numKeyValueHeads, intermediateSize);
    }
}

package dev.rankadaptor.checkpoint;

import dev.rankadaptor.common.InvalidFieldException;

/**
 * The one set of widths every layer of a pruned model is zero-padded to, so that stock
 * LlamaForCausalLM (uniform num_attention_heads / num_key_value_heads / intermediate_size) can
 * hold it exactly. Query head h of a layer with group size g uses key/value head h / g, and
 * transformers groups the same way; so key/value head j of a layer goes to slot j and its g query
 * heads to slots j * group + 0..g-1, the rest of each group's slots staying zero. That needs
 * {@code kvHeads} >= every layer's kv heads and {@code group} >= every layer's group size: the
 * smallest such widths are the maxima over the layers.
 */
public record UniformWidths(int kvHeads, int group, int mlpWidth) {
    public UniformWidths {
        if (kvHeads <= 0 || group <= 0 || mlpWidth <= 0) {
            throw new InvalidFieldException("uniform widths", "kv heads, group size and MLP width must be > 0, were "
                    + kvHeads + "/" + group + "/" + mlpWidth);
        }
    }

    /** The narrowest uniform widths that hold every layer of {@code layout}. */
    public static UniformWidths widest(LayerLayout layout) {
        int kv = 0;
        int group = 0;
        int mlp = 0;
        for (LayerLayout.Layer l : layout.layers()) {
            kv = Math.max(kv, l.kvHeads());
            group = Math.max(group, l.heads() / l.kvHeads());
            mlp = Math.max(mlp, l.mlpWidth());
        }
        return new UniformWidths(kv, group, mlp);
    }

    /**
     * The widths to export {@code layout} with: {@link #widest}, except when its query heads times
     * head_dim would differ from hidden_size while the config's own head layout holds every layer;
     * then the config's heads and kv heads (with the widest MLP), so that head_dim = hidden_size /
     * num_attention_heads as every transformers version assumes (a config.json head_dim that
     * breaks it needs transformers 4.45 or later).
     */
    public static UniformWidths forExport(LlamaConfig config, LayerLayout layout) {
        UniformWidths w = widest(layout);
        UniformWidths nominal = new UniformWidths(config.numKeyValueHeads(), config.groupSize(), w.mlpWidth());
        boolean standard = (long) w.heads() * config.headDim() == config.hiddenSize();
        boolean nominalStandard = (long) nominal.heads() * config.headDim() == config.hiddenSize();
        if (!standard && nominalStandard && layout.layers().stream().allMatch(nominal::holds)) {
            return nominal;
        }
        return w;
    }

    /** Query heads of the padded layers. */
    public int heads() {
        return kvHeads * group;
    }

    /** The padded widths as one layer. */
    public LayerLayout.Layer layer() {
        return new LayerLayout.Layer(heads(), kvHeads, mlpWidth);
    }

    /** True when a layer of these widths can be padded into this one head for head. */
    public boolean holds(LayerLayout.Layer l) {
        return l.kvHeads() <= kvHeads && l.heads() / l.kvHeads() <= group && l.mlpWidth() <= mlpWidth;
    }

    /**
     * The plain config.json of the padded model: {@code base}'s hidden size, head_dim, vocabulary,
     * norms and RoPE, with these widths, {@code layers} decoder layers and {@code torchDtype}.
     */
    public LlamaConfig config(LlamaConfig base, int layers, String torchDtype) {
        return new LlamaConfig(base.hiddenSize(), mlpWidth, heads(), kvHeads, layers, base.vocabSize(), base.headDim(),
                base.rmsNormEps(), base.ropeTheta(), base.tieWordEmbeddings(), base.maxPositionEmbeddings(),
                base.bosTokenId(), base.eosTokenId(), torchDtype);
    }
}

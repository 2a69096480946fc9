package dev.rankadaptor.checkpoint;

import dev.rankadaptor.common.InvalidFieldException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The actual widths of every decoder layer: structured pruning removes whole heads and MLP
 * channels per layer, so a pruned checkpoint's layers differ from each other and from its
 * config.json. The forward pass, LoRA shapes and memory estimates all read widths from here.
 */
public record LayerLayout(List<Layer> layers) {

    /** Widths of one decoder layer. kvHeads divides heads (GQA); head_dim is global. */
    public record Layer(int heads, int kvHeads, int mlpWidth) {
        public Layer {
            if (heads <= 0 || kvHeads <= 0 || mlpWidth <= 0) {
                throw new InvalidFieldException("layer widths",
                        "heads, kv heads and MLP width must be > 0, were " + heads + "/" + kvHeads + "/" + mlpWidth);
            }
            if (heads % kvHeads != 0) {
                throw new InvalidFieldException("layer widths",
                        "kv heads (" + kvHeads + ") must divide heads (" + heads + ")");
            }
        }
    }

    public LayerLayout {
        if (layers == null || layers.isEmpty()) {
            throw new InvalidFieldException("layers", "at least one decoder layer is required");
        }
        layers = Collections.unmodifiableList(new ArrayList<>(layers));
    }

    public static LayerLayout uniform(int n, int heads, int kvHeads, int mlpWidth) {
        List<Layer> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(new Layer(heads, kvHeads, mlpWidth));
        }
        return new LayerLayout(list);
    }

    public int size() {
        return layers.size();
    }

    public Layer layer(int i) {
        return layers.get(i);
    }

    /** Parameters of all decoder layers plus embeddings, final norm and (untied) head. */
    public long parameterCount(LlamaConfig config) {
        long h = config.hiddenSize();
        long d = config.headDim();
        long total = (long) config.vocabSize() * h + h; // embeddings + final norm
        if (!config.tieWordEmbeddings()) {
            total += (long) config.vocabSize() * h;
        }
        for (Layer l : layers) {
            total += layerParameters(l, h, d);
        }
        return total;
    }

    /** Parameters of one decoder layer of hidden size h and head dim d. */
    public static long layerParameters(Layer l, long h, long d) {
        long q = l.heads() * d * h;
        long kv = 2L * l.kvHeads() * d * h;
        long o = h * l.heads() * d;
        long mlp = 3L * h * l.mlpWidth();
        return q + kv + o + mlp + 2 * h; // + two RMSNorm weights
    }
}

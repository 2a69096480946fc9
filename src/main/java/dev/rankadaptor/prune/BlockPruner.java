package dev.rankadaptor.prune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.rankadaptor.checkpoint.LayerLayout;
import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.model.LlamaModel;
import dev.rankadaptor.model.LlamaModels;
import dev.rankadaptor.model.Projection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * LLM-Pruner-style block-wise pruning: in each prunable layer, removes the lowest-scored kv-head
 * groups (q/k/v rows and o_proj columns) and MLP channels (gate/up rows and down_proj columns) down
 * to the plan's widths, and builds a new, independent model from gathered copies. Everything else
 * (protected layers, embeddings, norms, lm_head) is copied bit for bit.
 */
public final class BlockPruner {
    private BlockPruner() {
    }

    /** The pruned model (caller closes it) and the groups each pruned layer kept. */
    public record Result(LlamaModel model, Map<Integer, GroupSelection> selections) {
    }

    /** Prunes to {@code plan} (made for this model's layout) by {@code scores}. */
    public static Result prune(LlamaModel model, PruningPlan plan, ImportanceScores scores, PruneListener listener,
                               CancellationToken cancel) {
        if (plan.method() != PruningMethod.BLOCK) {
            throw new IllegalArgumentException("BlockPruner needs a BLOCK plan, got " + plan.method());
        }
        if (!plan.layoutBefore().equals(model.layout())) {
            throw new IllegalArgumentException("the plan was made for a different layout than the model's");
        }
        Map<Integer, GroupSelection> sel = selections(plan, scores);
        return new Result(apply(model, sel, listener, cancel), sel);
    }

    /** The groups each narrowed layer of {@code plan} keeps: the highest-scored ones. */
    static Map<Integer, GroupSelection> selections(PruningPlan plan, ImportanceScores scores) {
        if (plan.method() != PruningMethod.BLOCK) {
            throw new IllegalArgumentException("BlockPruner needs a BLOCK plan, got " + plan.method());
        }
        Map<Integer, GroupSelection> sel = new TreeMap<>();
        for (LayerPlan l : plan.layers()) {
            if (l.narrowed()) {
                sel.put(l.index(), GroupSelection.keepHighest(scores.layer(l.index()), l.after().kvHeads(),
                        l.after().mlpWidth()));
            }
        }
        return sel;
    }

    /**
     * Keeps exactly the given groups in the given layers (others unchanged). Used by
     * {@link #prune} and by tests that pick the removed groups themselves.
     */
    public static LlamaModel apply(LlamaModel model, Map<Integer, GroupSelection> selections, PruneListener listener,
                                   CancellationToken cancel) {
        int d = model.config().headDim();
        List<LayerLayout.Layer> widths = new ArrayList<>();
        try (ArrayTensorSource src = new ArrayTensorSource(model.manager())) {
            Map<String, NDArray> named = model.namedWeights();
            for (Map.Entry<String, NDArray> e : named.entrySet()) {
                if (!e.getKey().startsWith("model.layers.")) {
                    src.put(e.getKey(), e.getValue().duplicate());
                }
            }
            for (int i = 0; i < model.numLayers(); i++) {
                cancel.throwIfCancelled();
                LayerLayout.Layer before = model.layout().layer(i);
                GroupSelection s = selections.get(i);
                src.put("model.layers." + i + ".input_layernorm.weight", model.layer(i).inputNorm().duplicate());
                src.put("model.layers." + i + ".post_attention_layernorm.weight", model.layer(i).postNorm().duplicate());
                if (s == null) {
                    for (Projection p : Projection.values()) {
                        src.put(p.weightName(i), model.layer(i).weight(p).duplicate());
                    }
                    widths.add(before);
                } else {
                    widths.add(gatherLayer(model, i, before, s, d, src));
                }
                listener.progress(PrunePhase.PRUNING, (i + 1.0) / model.numLayers());
            }
            return LlamaModels.load(model.config(), new LayerLayout(widths), src, model.manager().getDevice(),
                    model.dtype());
        }
    }

    private static LayerLayout.Layer gatherLayer(LlamaModel model, int i, LayerLayout.Layer before, GroupSelection s,
                                                 int d, ArrayTensorSource src) {
        int group = before.heads() / before.kvHeads();
        int[] kv = s.keptHeadGroups();
        int[] ch = s.keptChannels();
        Map<Projection, int[]> keep = PrunedCheckpointWriter.keptIndices(before, s, d, i);
        for (Map.Entry<Projection, int[]> e : keep.entrySet()) {
            Projection p = e.getKey();
            boolean columns = p == Projection.O || p == Projection.DOWN;
            src.put(p.weightName(i), gather(model.layer(i).weight(p), e.getValue(), columns, src.manager(), model.dtype()));
        }
        return new LayerLayout.Layer(kv.length * group, kv.length, ch.length);
    }

    /** Copies the chosen rows (or columns) of a [rows, cols] matrix, in the given order. */
    static NDArray gather(NDArray w, int[] index, boolean columns, NDManager target, DataType dtype) {
        int rows = (int) w.getShape().get(0);
        int cols = (int) w.getShape().get(1);
        float[] data;
        try (NDManager scratch = target.newSubManager()) {
            NDArray f = w.toType(DataType.FLOAT32, true);
            f.attach(scratch);
            data = f.toFloatArray();
        }
        float[] out;
        Shape shape;
        if (columns) {
            out = new float[rows * index.length];
            for (int r = 0; r < rows; r++) {
                int base = r * cols;
                int o = r * index.length;
                for (int c = 0; c < index.length; c++) {
                    out[o + c] = data[base + index[c]];
                }
            }
            shape = new Shape(rows, index.length);
        } else {
            out = new float[index.length * cols];
            for (int r = 0; r < index.length; r++) {
                System.arraycopy(data, index[r] * cols, out, r * cols, cols);
            }
            shape = new Shape(index.length, cols);
        }
        NDArray a = target.create(out, shape);
        return dtype == DataType.FLOAT32 ? a : a.toType(dtype, false);
    }
}

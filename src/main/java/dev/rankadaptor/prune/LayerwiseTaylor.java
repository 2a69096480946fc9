package dev.rankadaptor.prune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.compute.Engines;
import dev.rankadaptor.model.LayerWeights;
import dev.rankadaptor.model.LlamaModel;
import dev.rankadaptor.model.ModelStep;
import dev.rankadaptor.model.Projection;
import dev.rankadaptor.train.CausalLmLoss;
import dev.rankadaptor.train.TokenBatch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.IntConsumer;

/**
 * The gradients Taylor importance needs, one decoder block at a time, so that memory stays near
 * the model's stored size: the frozen weights stay in their stored dtype (memory-mapped), a
 * no-grad forward keeps only the hidden states at block boundaries, then the blocks are walked
 * from the top. Block i is recomputed in F32 with gradients on its weights and its input, and
 * backward runs on sum(output * upstream gradient): that gives exactly the block's share of the
 * chain rule, its weight gradients (folded into that block's sums and freed) and the gradient
 * passed down to block i-1. Chunks of windows and the order of additions are those of
 * {@link GradientStats#collect}, so the sums equal the whole-model path's.
 *
 * <p>Peak memory besides the mapped weights: one block's F32 copy, its gradients and sums (the copy
 * and gradients are freed before the sums are reduced to scores), the F32 output projection, the
 * logits of one chunk, and the boundary states of all windows.
 */
final class LayerwiseTaylor {
    private LayerwiseTaylor() {
    }

    /**
     * What is done with one block's finished sums (importance is reduced to group scores there);
     * {@code stored} are the model's weights in their stored dtype (the F32 copy is already freed).
     */
    interface BlockSink {
        void accept(int layer, LayerWeights stored, GradientStats stats, NDManager scratch);
    }

    /**
     * Walks {@code layers} from the top and hands each its finished gradient sums of the seven
     * projections and, with {@code norms}, of the block's two RMSNorm weights as well (depth
     * pruning's block score covers every weight of the block).
     * {@code progress} receives the number of block walks done (of {@code layers.size()}).
     */
    static void walk(LlamaModel model, Collection<Integer> layers, boolean squares, boolean norms,
                     CalibrationWindows cal, BlockSink sink, IntConsumer progress, CancellationToken cancel) {
        TreeSet<Integer> wanted = new TreeSet<>(layers);
        if (wanted.isEmpty()) {
            return;
        }
        int lowest = wanted.first();
        int top = model.numLayers();
        int n = cal.size();
        int chunk = GradientStats.chunkSize(n, squares);
        List<TokenBatch> batches = new ArrayList<>();
        for (int i = 0; i < n; i += chunk) {
            batches.add(GradientStats.chunk(cal, i, Math.min(chunk, n - i)));
        }
        DataType f32 = DataType.FLOAT32;
        int chunks = batches.size();
        try (ModelStep step = model.newStep()) {
            NDManager sm = step.manager();
            LlamaModel.Positions pos = model.positions(sm, batches.get(0).length(), f32);
            // boundary[c][i] = input of block i for chunk c (i >= lowest); boundary[c][top] = last block's output
            NDArray[][] boundary = new NDArray[chunks][top + 1];
            NDArray[] h = new NDArray[chunks];
            for (int c = 0; c < chunks; c++) {
                h[c] = model.embed(batches.get(c).inputs(sm), f32);
            }
            for (int i = 0; i < top; i++) {
                for (int c = 0; c < chunks && i >= lowest; c++) {
                    boundary[c][i] = h[c];
                }
                // inputs below the lowest scored block are not needed again
                forwardBlock(model, i, h, pos, sm, i < lowest, cancel);
            }
            for (int c = 0; c < chunks; c++) {
                boundary[c][top] = h[c];
            }
            NDArray[] upstream = topGradients(model, batches, boundary, top, sm);
            int done = 0;
            for (int i = top - 1; i >= lowest; i--) {
                boolean scored = wanted.contains(i);
                boolean passDown = i > lowest;
                try (NDManager blockScope = sm.newSubManager()) {
                    LayerWeights w32 = model.layer(i).copyAs(f32, blockScope);
                    Map<String, NDArray> named = new LinkedHashMap<>();
                    for (Projection p : Projection.values()) {
                        named.put(p.weightName(i), w32.weight(p));
                    }
                    if (norms) {
                        // the model's own F32 norm weights (shared by the copy): flagged only while this block runs
                        named.put(inputNormName(i), w32.inputNorm());
                        named.put(postNormName(i), w32.postNorm());
                    }
                    GradientStats stats = scored ? GradientStats.empty(blockScope, named, squares) : null;
                    for (int c = 0; c < chunks; c++) {
                        cancel.throwIfCancelled();
                        int size = batches.get(c).batch();
                        NDArray up = upstream[c];
                        try (NDManager s = blockScope.newSubManager()) {
                            NDArray x = boundary[c][i].duplicate();
                            x.attach(s);
                            x.setRequiresGradient(passDown);
                            for (NDArray w : named.values()) {
                                w.setRequiresGradient(scored);
                            }
                            try (GradientCollector gc = Engines.pytorch().newGradientCollector()) {
                                gc.zeroGradients();
                                NDArray out = model.block(i, w32, x, pos, false);
                                gc.backward(out.mul(up).sum());
                            }
                            if (scored) {
                                NDArray weight = s.create((float) size);
                                for (Map.Entry<String, NDArray> e : named.entrySet()) {
                                    try (NDArray g = e.getValue().getGradient()) {
                                        stats.add(e.getKey(), g, size, weight);
                                    }
                                }
                            }
                            if (passDown) {
                                NDArray down = x.getGradient().duplicate();
                                down.attach(sm);
                                upstream[c] = down;
                            }
                        }
                        up.close();
                        boundary[c][i].close();
                        boundary[c][i] = null;
                    }
                    for (NDArray w : named.values()) {
                        w.setRequiresGradient(false);
                    }
                    for (Projection p : Projection.values()) {
                        w32.weight(p).close(); // the F32 copy and its gradient: the sums are all the sink needs
                    }
                    if (scored) {
                        stats.finish(n);
                        sink.accept(i, model.layer(i), stats, blockScope);
                        stats.close();
                        progress.accept(++done);
                    }
                }
            }
        }
    }

    /**
     * Replaces each chunk's hidden states (owned by {@code sm}) by block {@code i}'s output, without
     * gradients: the block is widened to F32 once for all chunks and freed after; with
     * {@code freeInputs} the replaced states are closed.
     */
    static void forwardBlock(LlamaModel model, int i, NDArray[] states, LlamaModel.Positions pos, NDManager sm,
                             boolean freeInputs, CancellationToken cancel) {
        try (NDManager s = sm.newSubManager()) {
            LayerWeights w = model.layer(i);
            LayerWeights w32 = w.weight(Projection.Q).getDataType() == DataType.FLOAT32 ? w : w.copyAs(DataType.FLOAT32, s);
            for (int c = 0; c < states.length; c++) {
                cancel.throwIfCancelled();
                NDArray in = states[c];
                try (NDManager t = s.newSubManager()) {
                    t.tempAttachAll(in);
                    NDArray out = model.block(i, w32, in, pos, false);
                    out.attach(sm);
                    states[c] = out;
                }
                if (freeInputs) {
                    in.close();
                }
            }
        }
    }

    /** The name of block {@code i}'s attention-input RMSNorm weight. */
    static String inputNormName(int i) {
        return "model.layers." + i + ".input_layernorm.weight";
    }

    /** The name of block {@code i}'s MLP-input RMSNorm weight. */
    static String postNormName(int i) {
        return "model.layers." + i + ".post_attention_layernorm.weight";
    }

    /** Gradient of each chunk's mean loss with respect to the last block's output. */
    private static NDArray[] topGradients(LlamaModel model, List<TokenBatch> batches, NDArray[][] boundary, int top,
                                          NDManager sm) {
        NDArray[] upstream = new NDArray[batches.size()];
        try (NDManager headScope = sm.newSubManager()) {
            NDArray head = model.lmHead();
            NDArray head32 = head.getDataType() == DataType.FLOAT32 ? head : head.toType(DataType.FLOAT32, true);
            if (head32 != head) {
                head32.attach(headScope);
            }
            for (int c = 0; c < batches.size(); c++) {
                TokenBatch b = batches.get(c);
                try (NDManager s = headScope.newSubManager()) {
                    NDArray x = boundary[c][top].duplicate();
                    x.attach(s);
                    x.setRequiresGradient(true);
                    try (GradientCollector gc = Engines.pytorch().newGradientCollector()) {
                        NDArray logits = Linear.linear(model.finalHidden(x), head32).singletonOrThrow()
                                .toType(DataType.FLOAT32, false);
                        gc.backward(CausalLmLoss.loss(logits, b.targets(s), b.mask(s)));
                    }
                    NDArray g = x.getGradient().duplicate();
                    g.attach(sm);
                    upstream[c] = g;
                    boundary[c][top].close();
                    boundary[c][top] = null;
                }
            }
        }
        return upstream;
    }
}

package dev.rankadaptor.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.rankadaptor.compute.Engines;
import dev.rankadaptor.model.LayerWeights;
import dev.rankadaptor.model.LlamaModel;

/**
 * Forward and backward of one micro-batch with activation checkpointing per decoder block: a
 * forward without gradients keeps only each block's input; then the loss is differentiated with
 * respect to the last block's output, and the blocks are walked from the top, each recomputed with
 * gradients and differentiated on sum(output * upstream gradient), which adds its adapters'
 * gradients and yields the gradient passed down. Peak memory is the block-boundary states plus
 * one block's activations (and, for F16 weights computed in F32, one block's widened copy) instead
 * of every block's. The boundary states and the gradient passed down live in one array allocated
 * before the first block, and the output projection is never widened whole (one row of the
 * micro-batch and 4096 vocabulary rows at a time): at the 1.1B shape these two took the step's
 * peak from 2.01x to 1.89x the checkpoint's F16 bytes (docs/benchmarks.md). Dropout draws the same masks in the recomputation as in the first forward:
 * each block's generator seed is drawn once per step and set before both passes.
 */
public final class CheckpointedStep {
    private CheckpointedStep() {
    }

    /**
     * Accumulates into the trainable arrays' gradients d(loss * share)/dθ (plus the loss {@code extra} builds on the
     * adapters alone, e.g. AdaLoRA's regulariser, also times {@code share}; it may return null); returns the unscaled loss. Runs inside
     * the model's open step whose manager is {@code m}; no gradient collector may be open.
     */
    public static float backward(LlamaModel model, TokenBatch tb, NDArray share,
                                 java.util.function.Function<NDManager, NDArray> extra, NDManager m, boolean training) {
        DataType c = model.computeDtype();
        int layers = model.numLayers();
        LlamaModel.Positions pos = model.positions(m, tb.length(), c);
        int rows = tb.batch();
        int[][] passes = passRows(rows, dev.rankadaptor.model.StagePeak.checkpointPassRows(rows, tb.length()));
        // one generator seed per block and pass, drawn once and set before both the forward and the recomputation
        int[][] seeds = new int[layers][passes.length];
        java.util.Random seedRng = new java.util.Random(m.randomInteger(0, Integer.MAX_VALUE, new Shape(1), DataType.INT32)
                .toIntArray()[0]);
        java.util.Map<dev.rankadaptor.model.Projection, NDArray> widened = widenBuffers(model, c, m);
        // every block's input (and the last block's output) in one array allocated up front: kept block
        // outputs allocated one by one between each block's freed temporaries fragment the native heap,
        // which then keeps ~50 MiB per block resident (bench scale at the 1.1B shape, docs/benchmarks.md);
        // slots layers + 1 and layers + 2 hold the gradient passed down, written alternately
        NDArray h0 = model.embed(tb.inputs(m), c);
        NDArray states = m.create(new Shape(layers + 3).addAll(h0.getShape()), c);
        states.set(state(0), h0);
        h0.close();
        for (int i = 0; i < layers; i++) {
            try (NDManager s = m.newSubManager()) {
                LayerWeights w = weights(model, i, c, widened, s);
                for (int p = 0; p < passes.length; p++) {
                    seeds[i][p] = seedRng.nextInt(Integer.MAX_VALUE);
                    Engines.pytorch().setRandomSeed(seeds[i][p]);
                    int[] b = passes[p];
                    try (NDManager r = s.newSubManager()) {
                        NDArray x = states.get(slot(i, b));
                        x.attach(r);
                        states.set(slot(i + 1, b), model.block(i, w, x, pos, training));
                    }
                }
            }
        }
        NDArray upstream = states.get(state(layers + 1));
        float loss;
        try (NDManager s = m.newSubManager()) {
            NDArray last = states.get(state(layers));
            last.attach(s);
            loss = headBackward(model, tb, last, upstream, share, extra, m);
        }
        for (int i = layers - 1; i >= 0; i--) {
            NDArray down = i > 0 ? states.get(state(layers + 1 + (layers - i) % 2)) : null;
            try (NDManager s = m.newSubManager()) {
                LayerWeights w = weights(model, i, c, widened, s);
                for (int p = 0; p < passes.length; p++) {
                    Engines.pytorch().setRandomSeed(seeds[i][p]);
                    int[] b = passes[p];
                    try (NDManager r = s.newSubManager()) {
                        NDArray input = states.get(slot(i, b));
                        input.attach(r);
                        NDArray x = i > 0 ? leaf(input, r) : input;
                        NDArray g = upstream.get(rows(b[0], b[1]));
                        g.attach(r);
                        try (GradientCollector gc = Engines.pytorch().newGradientCollector()) {
                            NDArray out = model.block(i, w, x, pos, training);
                            gc.backward(out.mul(g).sum());
                        }
                        if (down != null) {
                            down.set(rows(b[0], b[1]), x.getGradient());
                        }
                    }
                }
            }
            upstream.close();
            upstream = down;
        }
        states.close();
        if (widened != null) {
            widened.values().forEach(NDArray::close);
        }
        return loss;
    }

    private static ai.djl.ndarray.index.NDIndex state(int i) {
        return new ai.djl.ndarray.index.NDIndex("{}", i);
    }

    /** The micro-batch rows [from, to) of each block pass: {@code perPass} rows, the last pass the rest. */
    private static int[][] passRows(int rows, int perPass) {
        int[][] out = new int[(rows + perPass - 1) / perPass][];
        for (int p = 0; p < out.length; p++) {
            out[p] = new int[]{p * perPass, Math.min(rows, (p + 1) * perPass)};
        }
        return out;
    }

    /** The rows {@code pass} = [from, to) of block-boundary state {@code i}, as a [to - from, T, H] view. */
    private static ai.djl.ndarray.index.NDIndex slot(int i, int[] pass) {
        return new ai.djl.ndarray.index.NDIndex("{}, {}:{}", i, pass[0], pass[1]);
    }

    private static ai.djl.ndarray.index.NDIndex rows(int j0, int j1) {
        return new ai.djl.ndarray.index.NDIndex("{}:{}", j0, j1);
    }

    /**
     * The output projection and loss, one row of the micro-batch at a time: each row's share of the
     * loss is its summed token losses over the micro-batch's trained tokens, so the rows' gradients
     * with respect to the last block's output are the whole batch's. The gradient at the final norm's
     * output is taken by hand ({@link #headGradient}), through the head a slice of vocabulary rows at a
     * time, so that an F16-stored head is never widened whole; autograd then takes it through the
     * final norm (and adds {@code extra}). Writes that gradient into {@code upstream} (shaped as
     * {@code last}) and returns the micro-batch's loss.
     */
    private static float headBackward(LlamaModel model, TokenBatch tb, NDArray last, NDArray upstream, NDArray share,
                                      java.util.function.Function<NDManager, NDArray> extra, NDManager m) {
        NDArray targets = tb.targets(m);
        NDArray mask = tb.mask(m).toType(DataType.FLOAT32, false);
        NDArray count = mask.sum();
        float loss = 0;
        for (int j = 0; j < tb.batch(); j++) {
            try (NDManager s = m.newSubManager()) {
                ai.djl.ndarray.index.NDIndex row = rows(j, j + 1);
                NDArray slice = last.get(row);
                slice.attach(s);
                NDArray hn = model.finalHidden(slice).squeeze(0);
                NDArray rowTargets = targets.get(row).squeeze(0);
                NDArray weight = mask.get(row).squeeze(0).div(count);
                rowTargets.attach(s);
                weight.attach(s);
                HeadGradient hg = headGradient(hn, model.lmHead(), rowTargets, weight, share, HEAD_CHUNK_ROWS, s);
                loss += hg.loss();
                NDArray x = leaf(slice, s);
                try (GradientCollector gc = Engines.pytorch().newGradientCollector()) {
                    NDArray objective = model.finalHidden(x).mul(hg.hidden().expandDims(0)).sum();
                    NDArray e = j > 0 || extra == null ? null : extra.apply(s);
                    gc.backward(e == null ? objective : objective.add(e.mul(share)));
                }
                upstream.set(row, x.getGradient());
            }
        }
        return loss;
    }

    /** Vocabulary rows of the output projection widened and multiplied at a time (32 MiB in F32 at hidden 2048). */
    static final int HEAD_CHUNK_ROWS = 4096;

    /** {@code scale} x d(weighted loss)/d(final hidden states) of one row, and the weighted loss Σ weight_t · (−log p_t(target)). */
    record HeadGradient(NDArray hidden, float loss) {
    }

    /**
     * The cross-entropy of {@code hidden} [T, H] (compute dtype) under the output projection
     * {@code head} [V, H] (stored dtype), each token weighted by {@code weight} [T] (F32), and its
     * gradient with respect to {@code hidden} times {@code scale} (an array: TRAP 1): logits = hidden ·
     * headᵀ in F32, softmax p, and d/dhidden = ((p − onehot(target)) · weight · scale) · head. The head is widened to the compute dtype
     * {@code chunkRows} vocabulary rows at a time (twice: for the logits and for the gradient), so
     * the working set is one row's F32 logits (T x V) and a few of their size, not a widened head.
     * No autograd: the caller passes the gradient on. Arrays are attached to {@code s}.
     */
    static HeadGradient headGradient(NDArray hidden, NDArray head, NDArray targets, NDArray weight, NDArray scale,
                                     int chunkRows, NDManager s) {
        DataType c = hidden.getDataType();
        long vocab = head.getShape().get(0);
        java.util.List<NDArray> parts = new java.util.ArrayList<>();
        for (long c0 = 0; c0 < vocab; c0 += chunkRows) {
            try (NDManager k = s.newSubManager()) {
                NDArray w = headRows(head, c0, Math.min(vocab, c0 + chunkRows), c, k);
                NDArray z = hidden.matMul(w.transpose()).toType(DataType.FLOAT32, false);
                z.attach(s);
                parts.add(z);
            }
        }
        NDArray logits = parts.size() == 1 ? parts.get(0) : ai.djl.ndarray.NDArrays.concat(new ai.djl.ndarray.NDList(parts), -1);
        logits.attach(s);
        if (parts.size() > 1) {
            parts.forEach(NDArray::close);
        }
        NDArray logp = logits.logSoftmax(-1);
        logp.attach(s);
        logits.close();
        NDArray picked = logp.gather(targets.expandDims(-1), -1).squeeze(-1);
        float loss = -picked.mul(weight).sum().getFloat();
        picked.close();
        NDArray g = logp.exp();
        g.attach(s);
        logp.close();
        NDArray onehot = targets.oneHot((int) vocab);
        if (onehot.getDataType() != DataType.FLOAT32) {
            NDArray wide = onehot.toType(DataType.FLOAT32, false);
            onehot.close();
            onehot = wide;
        }
        g.subi(onehot);
        onehot.close();
        g.muli(weight.mul(scale).expandDims(-1));
        NDArray dh = null;
        for (long c0 = 0; c0 < vocab; c0 += chunkRows) {
            try (NDManager k = s.newSubManager()) {
                long c1 = Math.min(vocab, c0 + chunkRows);
                NDArray w = headRows(head, c0, c1, c, k);
                NDArray gc = g.get(new ai.djl.ndarray.index.NDIndex(":, {}:{}", c0, c1));
                gc.attach(k);
                NDArray part = (gc.getDataType() == c ? gc : gc.toType(c, false)).matMul(w);
                if (dh == null) {
                    dh = part;
                    dh.attach(s);
                } else {
                    dh.addi(part);
                }
            }
        }
        g.close();
        return new HeadGradient(dh, loss);
    }

    /** Rows [c0, c1) of the output projection in {@code c}, attached to {@code k}. */
    private static NDArray headRows(NDArray head, long c0, long c1, DataType c, NDManager k) {
        NDArray w = c0 == 0 && c1 == head.getShape().get(0) ? head : head.get(new ai.djl.ndarray.index.NDIndex("{}:{}", c0, c1));
        if (w != head) {
            w.attach(k);
        }
        if (w.getDataType() != c) {
            NDArray wide = w.toType(c, true);
            wide.attach(k);
            return wide;
        }
        return w;
    }

    private static LayerWeights weights(LlamaModel model, int i, DataType c,
                                        java.util.Map<dev.rankadaptor.model.Projection, NDArray> widened, NDManager scope) {
        LayerWeights w = model.layer(i);
        return widened == null ? w : w.widenInto(widened, scope);
    }

    /**
     * One flat array per projection in the compute dtype, as long as that projection's largest weight
     * in the model, that every block's weights are widened into in turn; null when the weights are
     * held in the compute dtype already.
     */
    private static java.util.Map<dev.rankadaptor.model.Projection, NDArray> widenBuffers(LlamaModel model, DataType c, NDManager m) {
        if (model.layer(0).weight(dev.rankadaptor.model.Projection.Q).getDataType() == c) {
            return null;
        }
        java.util.Map<dev.rankadaptor.model.Projection, NDArray> out = new java.util.EnumMap<>(dev.rankadaptor.model.Projection.class);
        for (dev.rankadaptor.model.Projection p : dev.rankadaptor.model.Projection.values()) {
            long most = 0;
            for (int i = 0; i < model.numLayers(); i++) {
                most = Math.max(most, model.layer(i).weight(p).size());
            }
            out.put(p, m.create(new Shape(most), c));
        }
        return out;
    }

    /** A fresh copy of {@code a} on {@code s} that gradients are taken with respect to. */
    private static NDArray leaf(NDArray a, NDManager s) {
        NDArray x = a.duplicate();
        x.attach(s);
        x.setRequiresGradient(true);
        return x;
    }

}

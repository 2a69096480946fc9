package dev.rankadaptor.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
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
 * of every block's. Dropout draws the same masks in the recomputation as in the first forward:
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
        int[] seeds = new int[layers];
        java.util.Random seedRng = new java.util.Random(m.randomInteger(0, Integer.MAX_VALUE, new Shape(1), DataType.INT32)
                .toIntArray()[0]);
        NDArray[] inputs = new NDArray[layers + 1];
        NDArray h = model.embed(tb.inputs(m), c);
        for (int i = 0; i < layers; i++) {
            inputs[i] = h;
            seeds[i] = seedRng.nextInt(Integer.MAX_VALUE);
            Engines.pytorch().setRandomSeed(seeds[i]);
            try (NDManager s = m.newSubManager()) {
                s.tempAttachAll(h);
                NDArray out = model.block(i, weights(model, i, c, s), h, pos, training);
                out.attach(m);
                h = out;
            }
        }
        inputs[layers] = h;
        Head head = headBackward(model, tb, inputs[layers], share, extra, m);
        NDArray upstream = head.upstream();
        float loss = head.loss();
        inputs[layers].close();
        for (int i = layers - 1; i >= 0; i--) {
            Engines.pytorch().setRandomSeed(seeds[i]);
            NDArray down;
            try (NDManager s = m.newSubManager()) {
                NDArray x = i > 0 ? leaf(inputs[i], s) : inputs[i];
                try (GradientCollector gc = Engines.pytorch().newGradientCollector()) {
                    NDArray out = model.block(i, weights(model, i, c, s), x, pos, training);
                    gc.backward(out.mul(upstream).sum());
                }
                down = i > 0 ? detached(x.getGradient(), m) : null;
            }
            upstream.close();
            upstream = down;
            inputs[i].close();
        }
        return loss;
    }

    /** The gradient with respect to the last block's output, and the micro-batch's loss. */
    private record Head(NDArray upstream, float loss) {
    }

    /**
     * The output projection and loss, one row of the micro-batch at a time (its logits, and for F16
     * weights a widened copy of the head, live only for that row): each row's share of the loss is
     * its summed token losses over the micro-batch's trained tokens, so the rows' gradients with
     * respect to the last block's output are the whole batch's. Returns that gradient and the loss.
     */
    private static Head headBackward(LlamaModel model, TokenBatch tb, NDArray last, NDArray share,
                                        java.util.function.Function<NDManager, NDArray> extra, NDManager m) {
        DataType c = last.getDataType();
        NDArray targets = tb.targets(m);
        NDArray mask = tb.mask(m);
        NDArray count = mask.sum();
        float loss = 0;
        NDArray[] grads = new NDArray[tb.batch()];
        for (int j = 0; j < tb.batch(); j++) {
            try (NDManager s = m.newSubManager()) {
                ai.djl.ndarray.index.NDIndex row = new ai.djl.ndarray.index.NDIndex("{}:{}", j, j + 1);
                NDArray slice = last.get(row);
                NDArray x = leaf(slice, s);
                slice.close();
                NDArray head = model.lmHead();
                if (head.getDataType() != c) {
                    head = head.toType(c, true);
                    head.attach(s);
                }
                try (GradientCollector gc = Engines.pytorch().newGradientCollector()) {
                    NDArray logits = Linear.linear(model.finalHidden(x), head).singletonOrThrow().toType(DataType.FLOAT32, false);
                    NDArray l = CausalLmLoss.chunkLoss(logits, targets.get(row), mask.get(row), count);
                    NDArray e = j > 0 || extra == null ? null : extra.apply(s);
                    gc.backward(e == null ? l.mul(share) : l.add(e).mul(share));
                    loss += l.getFloat();
                }
                grads[j] = detached(x.getGradient(), m);
            }
        }
        if (grads.length == 1) {
            return new Head(grads[0], loss);
        }
        NDArray upstream = ai.djl.ndarray.NDArrays.concat(new ai.djl.ndarray.NDList(grads), 0);
        upstream.attach(m);
        for (NDArray g : grads) {
            g.close();
        }
        return new Head(upstream, loss);
    }

    private static LayerWeights weights(LlamaModel model, int i, DataType c, NDManager scope) {
        LayerWeights w = model.layer(i);
        return w.weight(dev.rankadaptor.model.Projection.Q).getDataType() == c ? w : w.copyAs(c, scope);
    }

    /** A fresh copy of {@code a} on {@code s} that gradients are taken with respect to. */
    private static NDArray leaf(NDArray a, NDManager s) {
        NDArray x = a.duplicate();
        x.attach(s);
        x.setRequiresGradient(true);
        return x;
    }

    private static NDArray detached(NDArray gradient, NDManager m) {
        NDArray g = gradient.duplicate();
        g.attach(m);
        return g;
    }
}

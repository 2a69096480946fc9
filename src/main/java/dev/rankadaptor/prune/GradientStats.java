package dev.rankadaptor.prune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.compute.Engines;
import dev.rankadaptor.model.LlamaModel;
import dev.rankadaptor.model.ModelStep;
import dev.rankadaptor.train.CausalLmLoss;
import dev.rankadaptor.train.TokenBatch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleConsumer;

/**
 * Gradients of the causal-LM loss on the calibration windows for chosen weights, one backward per
 * window (as LLM-Pruner does for its second-order terms): the mean gradient g (equal to the gradient
 * of the loss averaged over all windows, since windows have equal length) and, when asked, the
 * mean of per-window squared gradients (the diagonal Fisher estimate H). Held in F32 in their own
 * memory scope; close to free them.
 */
final class GradientStats implements AutoCloseable {
    /** Windows per forward/backward when only the mean gradient is needed. */
    static final int FIRST_ORDER_BATCH = 10;
    private final NDManager manager;
    private final Map<String, NDArray> mean = new LinkedHashMap<>();
    private final Map<String, NDArray> meanSquare = new LinkedHashMap<>();

    private GradientStats(NDManager manager) {
        this.manager = manager;
    }

    /** Empty F32 accumulators shaped like {@code weights}, in a new memory scope under {@code parent}. */
    static GradientStats empty(NDManager parent, Map<String, NDArray> weights, boolean squares) {
        GradientStats stats = new GradientStats(parent.newSubManager());
        for (Map.Entry<String, NDArray> e : weights.entrySet()) {
            Shape s = e.getValue().getShape();
            stats.mean.put(e.getKey(), stats.manager.zeros(s, DataType.FLOAT32));
            if (squares) {
                stats.meanSquare.put(e.getKey(), stats.manager.zeros(s, DataType.FLOAT32));
            }
        }
        return stats;
    }

    /**
     * Adds the gradient of one chunk's mean loss over {@code size} windows ({@code weight} holds
     * {@code size} as an F32 scalar) to the sums of weight {@code name}; squares are per-window sums
     * and are only collected from chunks of one window.
     */
    void add(String name, NDArray gradient, int size, NDArray weight) {
        NDArray g = gradient.toType(DataType.FLOAT32, false);
        // temporaries belong to the gradient's manager (the weight's, which lives for all chunks): free them now
        if (size == 1) {
            mean.get(name).addi(g);
        } else {
            try (NDArray scaled = g.mul(weight)) {
                mean.get(name).addi(scaled);
            }
        }
        NDArray sq = meanSquare.get(name);
        if (sq != null) {
            try (NDArray square = g.mul(g)) {
                sq.addi(square);
            }
        }
        if (g != gradient) {
            g.close();
        }
    }

    /** Turns the sums over {@code windows} windows into means. */
    void finish(int windows) {
        NDArray count = manager.create((float) windows);
        for (NDArray a : mean.values()) {
            a.divi(count);
        }
        for (NDArray a : meanSquare.values()) {
            a.divi(count);
        }
    }

    /** Windows per chunk: one when squared gradients are needed, else up to {@link #FIRST_ORDER_BATCH}. */
    static int chunkSize(int windows, boolean squares) {
        return squares ? 1 : Math.min(windows, FIRST_ORDER_BATCH);
    }

    /** The token batch of windows [from, from + size). */
    static TokenBatch chunk(CalibrationWindows cal, int from, int size) {
        List<TokenBatch.Example> examples = new java.util.ArrayList<>();
        for (int j = from; j < from + size; j++) {
            examples.add(TokenBatch.Example.plain(cal.windows().get(j)));
        }
        return TokenBatch.of(examples, 0);
    }

    /**
     * Runs one forward+backward per chunk over the whole model with gradients on {@code weights}
     * only (their requires-gradient flag is restored to off afterwards). Holds every weight's
     * gradient and sums at once: the reference {@link LayerwiseTaylor} is tested against (group
     * scores and depth pruning's block scores).
     */
    static GradientStats collect(LlamaModel model, Map<String, NDArray> weights, CalibrationWindows cal,
                                 boolean squares, DoubleConsumer progress, CancellationToken cancel) {
        GradientStats stats = empty(model.manager(), weights, squares);
        try {
            for (NDArray w : weights.values()) {
                w.setRequiresGradient(true);
            }
            int n = cal.size();
            // squared gradients need one backward per window; the mean gradient alone is the gradient of
            // the loss over all windows, so windows are batched (equal lengths: the mean loss weighs them equally)
            int chunk = chunkSize(n, squares);
            for (int i = 0; i < n; i += chunk) {
                cancel.throwIfCancelled();
                int size = Math.min(chunk, n - i);
                TokenBatch batch = chunk(cal, i, size);
                try (ModelStep step = model.newStep();
                     GradientCollector gc = Engines.pytorch().newGradientCollector()) {
                    gc.zeroGradients();
                    NDManager m = step.manager();
                    NDArray logits = model.forward(batch.inputs(m), null, false);
                    NDArray loss = CausalLmLoss.loss(logits, batch.targets(m), batch.mask(m));
                    gc.backward(loss);
                    NDArray weight = m.create((float) size);
                    for (Map.Entry<String, NDArray> e : weights.entrySet()) {
                        stats.add(e.getKey(), e.getValue().getGradient(), size, weight);
                    }
                }
                progress.accept((i + size) / (double) n);
            }
            stats.finish(n);
            return stats;
        } catch (RuntimeException e) {
            stats.close();
            throw e;
        } finally {
            for (NDArray w : weights.values()) {
                w.setRequiresGradient(false);
            }
        }
    }

    /**
     * Per-element importance of weight {@code w} (stored under {@code name}) as F32, owned by the
     * {@code scratch} memory scope (close it after reducing): |W g|, |W H W| or |W g - 0.5 W H W|.
     * Intermediates are freed as soon as they are used and updated in place (the same operations on
     * the same values, so the same bits), so at most three weight-sized temporaries exist at once.
     */
    NDArray elementImportance(String name, NDArray w, ImportanceKind kind, NDManager scratch) {
        boolean widen = w.getDataType() != DataType.FLOAT32;
        NDArray wf = widen ? w.toType(DataType.FLOAT32, true) : w;
        NDArray first = null;
        NDArray second = null;
        try {
            first = wf.mul(mean.get(name));
            NDArray result;
            if (kind == ImportanceKind.ELEMENT1) {
                result = first.abs();
            } else {
                second = wf.mul(meanSquare.get(name));
                second.muli(wf);
                if (kind == ImportanceKind.ELEMENT2) {
                    result = second.abs();
                } else {
                    try (NDArray half = scratch.create(0.5f)) {
                        second.muli(half);
                    }
                    first.subi(second);
                    result = first.abs();
                }
            }
            result.attach(scratch);
            return result;
        } finally {
            if (first != null) {
                first.close();
            }
            if (second != null) {
                second.close();
            }
            if (widen) {
                wf.close();
            }
        }
    }

    /** The mean of per-window squared gradients of a collected weight (F32), or null without squares. */
    NDArray meanSquare(String name) {
        return meanSquare.get(name);
    }

    /** The mean gradient of a collected weight (F32). */
    NDArray meanGradient(String name) {
        return mean.get(name);
    }

    @Override
    public void close() {
        manager.close();
    }
}

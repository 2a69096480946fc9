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

    /**
     * Runs one forward+backward per window with gradients on {@code weights} only (their
     * requires-gradient flag is restored to off afterwards).
     */
    static GradientStats collect(LlamaModel model, Map<String, NDArray> weights, CalibrationWindows cal,
                                 boolean squares, DoubleConsumer progress, CancellationToken cancel) {
        GradientStats stats = new GradientStats(model.manager().newSubManager());
        try {
            for (Map.Entry<String, NDArray> e : weights.entrySet()) {
                Shape s = e.getValue().getShape();
                stats.mean.put(e.getKey(), stats.manager.zeros(s, DataType.FLOAT32));
                if (squares) {
                    stats.meanSquare.put(e.getKey(), stats.manager.zeros(s, DataType.FLOAT32));
                }
                e.getValue().setRequiresGradient(true);
            }
            int n = cal.size();
            // squared gradients need one backward per window; the mean gradient alone is the gradient of
            // the loss over all windows, so windows are batched (equal lengths: the mean loss weighs them equally)
            int chunk = squares ? 1 : Math.min(n, FIRST_ORDER_BATCH);
            for (int i = 0; i < n; i += chunk) {
                cancel.throwIfCancelled();
                int size = Math.min(chunk, n - i);
                List<TokenBatch.Example> examples = new java.util.ArrayList<>();
                for (int j = i; j < i + size; j++) {
                    examples.add(TokenBatch.Example.plain(cal.windows().get(j)));
                }
                TokenBatch batch = TokenBatch.of(examples, 0);
                try (ModelStep step = model.newStep();
                     GradientCollector gc = Engines.pytorch().newGradientCollector()) {
                    gc.zeroGradients();
                    NDManager m = step.manager();
                    NDArray logits = model.forward(batch.inputs(m), null, false);
                    NDArray loss = CausalLmLoss.loss(logits, batch.targets(m), batch.mask(m));
                    gc.backward(loss);
                    NDArray weight = m.create((float) size);
                    for (Map.Entry<String, NDArray> e : weights.entrySet()) {
                        NDArray g = e.getValue().getGradient().toType(DataType.FLOAT32, false);
                        stats.mean.get(e.getKey()).addi(size == 1 ? g : g.mul(weight));
                        if (squares) {
                            stats.meanSquare.get(e.getKey()).addi(g.mul(g));
                        }
                    }
                }
                progress.accept((i + size) / (double) n);
            }
            NDArray count = stats.manager.create((float) n);
            for (NDArray a : stats.mean.values()) {
                a.divi(count);
            }
            for (NDArray a : stats.meanSquare.values()) {
                a.divi(count);
            }
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
     * Per-element importance of weight {@code w} (stored under {@code name}) as F32, in this
     * {@code scratch} memory scope (close it after reducing): |W g|, |W H W| or |W g - 0.5 W H W|.
     */
    NDArray elementImportance(String name, NDArray w, ImportanceKind kind, NDManager scratch) {
        NDArray wf = w.toType(DataType.FLOAT32, true);
        wf.attach(scratch);
        NDArray first = wf.mul(mean.get(name));
        if (kind == ImportanceKind.ELEMENT1) {
            return first.abs();
        }
        NDArray second = wf.mul(meanSquare.get(name)).mul(wf);
        if (kind == ImportanceKind.ELEMENT2) {
            return second.abs();
        }
        NDArray half = scratch.create(0.5f);
        return first.sub(second.mul(half)).abs();
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

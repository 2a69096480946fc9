package dev.rankadaptor.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

import java.util.EnumMap;
import java.util.Map;

/**
 * The tensors of one decoder layer. Linear weights are [out, in] as in Hugging Face files; the
 * layer's own widths follow from their shapes, which is what lets pruned layers differ.
 */
public final class LayerWeights {
    final NDArray inputNorm;
    final NDArray postNorm;
    final Map<Projection, NDArray> linear;

    public LayerWeights(NDArray inputNorm, NDArray postNorm, Map<Projection, NDArray> linear) {
        this.inputNorm = inputNorm;
        this.postNorm = postNorm;
        this.linear = new EnumMap<>(linear);
        for (Projection p : Projection.values()) {
            if (!this.linear.containsKey(p)) {
                throw new IllegalArgumentException("layer weights lack " + p.shortName());
            }
        }
    }

    /**
     * A copy of the seven projections converted to {@code dtype}, owned by {@code m} (norms are
     * shared: they are always F32). Used to compute one block in F32 while the model keeps its
     * weights in their stored dtype.
     */
    public LayerWeights copyAs(DataType dtype, NDManager m) {
        Map<Projection, NDArray> out = new EnumMap<>(Projection.class);
        for (Map.Entry<Projection, NDArray> e : linear.entrySet()) {
            NDArray c = e.getValue().toType(dtype, true);
            c.attach(m);
            out.put(e.getKey(), c);
        }
        return new LayerWeights(inputNorm, postNorm, out);
    }

    /**
     * The seven projections converted into {@code buffers} (one flat array per projection, in the
     * target dtype, at least as long as this layer's weight), as views owned by {@code m}. Lets a
     * pass that widens one block after another reuse the same memory for every block instead of
     * allocating (and the kernel zero-filling) a fresh copy each time.
     */
    public LayerWeights widenInto(Map<Projection, NDArray> buffers, NDManager m) {
        Map<Projection, NDArray> out = new EnumMap<>(Projection.class);
        for (Map.Entry<Projection, NDArray> e : linear.entrySet()) {
            NDArray w = e.getValue();
            NDArray flat = buffers.get(e.getKey()).get(new ai.djl.ndarray.index.NDIndex("0:{}", w.size()));
            flat.attach(m);
            NDArray view = flat.reshape(w.getShape());
            view.attach(m);
            view.set(new ai.djl.ndarray.index.NDIndex(":"), w);
            out.put(e.getKey(), view);
        }
        return new LayerWeights(inputNorm, postNorm, out);
    }

    public NDArray weight(Projection p) {
        return linear.get(p);
    }

    public NDArray inputNorm() {
        return inputNorm;
    }

    public NDArray postNorm() {
        return postNorm;
    }
}

package dev.rankadaptor.model;

import ai.djl.ndarray.NDArray;

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

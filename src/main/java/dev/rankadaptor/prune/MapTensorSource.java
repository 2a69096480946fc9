package dev.rankadaptor.prune;

import ai.djl.ndarray.NDArray;
import dev.rankadaptor.checkpoint.TensorSource;

import java.util.Map;
import java.util.Set;

/**
 * A {@link TensorSource} over arrays already in memory, keyed by tensor name: what the two
 * in-memory sources share (names, shapes); they differ in who owns the arrays and how a load hands
 * them over.
 */
abstract class MapTensorSource implements TensorSource {
    protected final Map<String, NDArray> arrays;

    MapTensorSource(Map<String, NDArray> arrays) {
        this.arrays = arrays;
    }

    @Override
    public Set<String> names() {
        return arrays.keySet();
    }

    @Override
    public boolean contains(String name) {
        return arrays.containsKey(name);
    }

    @Override
    public long[] shape(String name) {
        return arrays.get(name).getShape().getShape();
    }
}

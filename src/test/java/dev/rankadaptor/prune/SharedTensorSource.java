package dev.rankadaptor.prune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

import java.util.Map;

/**
 * Lends a live model's arrays, without copying, to build a short-lived view of it (the model with
 * one block skipped, for the reference perplexity scores of {@link WholeModelDepth}). The view never
 * owns the arrays: closing it leaves them to the original model, which must outlive the view and
 * must not be used while the view runs a step (both temporarily attach the same arrays).
 */
final class SharedTensorSource extends MapTensorSource {

    SharedTensorSource(Map<String, NDArray> arrays) {
        super(arrays);
    }

    @Override
    public NDArray load(String name, NDManager manager, DataType target) {
        NDArray a = arrays.get(name);
        if (a.getDataType() != target) {
            throw new IllegalStateException(name + " is " + a.getDataType() + ", the view needs " + target);
        }
        return a;
    }

    @Override
    public void close() {
        // lends only; the owner frees the arrays
    }
}

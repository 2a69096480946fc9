package dev.rankadaptor.prune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

import java.util.LinkedHashMap;

/**
 * Freshly built arrays (a pruned model's tensors) offered as a {@link dev.rankadaptor.checkpoint.TensorSource}, so the
 * pruned model is assembled by the same loader that checks every shape against the layout.
 * {@link #load} hands each array over to the caller's manager (no second copy); each name can
 * therefore be loaded once. Arrays never loaded are freed by {@link #close}.
 */
final class ArrayTensorSource extends MapTensorSource {
    private final NDManager holder;

    ArrayTensorSource(NDManager parent) {
        super(new LinkedHashMap<>());
        this.holder = parent.newSubManager();
    }

    /** The manager new arrays should be created on (or attached to) before {@link #put}. */
    NDManager manager() {
        return holder;
    }

    void put(String name, NDArray array) {
        array.attach(holder);
        arrays.put(name, array);
    }

    @Override
    public NDArray load(String name, NDManager manager, DataType target) {
        NDArray a = arrays.remove(name);
        if (a == null) {
            throw new IllegalStateException("tensor " + name + " was already handed over or never added");
        }
        NDArray out = a.getDataType() == target ? a : a.toType(target, true);
        out.attach(manager);
        return out;
    }

    @Override
    public void close() {
        holder.close();
    }
}

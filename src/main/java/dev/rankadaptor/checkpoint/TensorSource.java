package dev.rankadaptor.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

import java.util.Set;

/**
 * Named tensors of a checkpoint (one safetensors file, a sharded set, or in-memory), loaded on
 * demand so that a 13 GB model never needs a second full copy on the Java heap.
 */
public interface TensorSource extends AutoCloseable {
    Set<String> names();

    boolean contains(String name);

    /** Shape as stored, e.g. [out, in] for a Linear weight. */
    long[] shape(String name);

    /**
     * Creates the tensor on the manager converted to {@code target} (FLOAT32 or FLOAT16). BF16
     * data is widened in Java first: a BF16 NDArray would abort the JVM (DJL trap 2, docs/architecture.md).
     * The returned array may view memory-mapped file data (no copy): never modify it in place.
     * {@link SafetensorsFile} maps copy-on-write where it can, so a stray in-place op stays private
     * to the process, but a read-only file is mapped read-only and writing to it would crash.
     */
    NDArray load(String name, NDManager manager, DataType target);

    @Override
    void close();
}

package dev.rankadaptor.checkpoint;

import java.util.Arrays;

/**
 * One tensor's entry in a safetensors header: its type, shape and byte range relative to the start
 * of the data section. Validated against each other when the header is read.
 */
public record TensorInfo(String name, SafetensorsDtype dtype, long[] shape, long begin, long end) {

    public TensorInfo {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Number of elements (1 for a scalar). */
    public long elementCount() {
        return elementCount(shape);
    }

    public long byteSize() {
        return end - begin;
    }

    static long elementCount(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    public String shapeText() {
        return Arrays.toString(shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorInfo t && name.equals(t.name) && dtype == t.dtype
                && Arrays.equals(shape, t.shape) && begin == t.begin && end == t.end;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + " " + dtype + shapeText() + " @[" + begin + ", " + end + ")";
    }
}

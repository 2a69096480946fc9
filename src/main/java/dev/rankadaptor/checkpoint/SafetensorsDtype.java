package dev.rankadaptor.checkpoint;

import ai.djl.ndarray.types.DataType;

import java.util.Locale;

/**
 * The element types a safetensors header may name, with their sizes, so that every tensor's byte
 * range can be checked against its shape even for types this tool does not load. Only F32, F16
 * and BF16 become NDArrays (BF16 after widening in Java, DJL trap 2, docs/architecture.md).
 */
public enum SafetensorsDtype {
    BOOL(1), U8(1), I8(1), F8_E4M3(1), F8_E5M2(1), I16(2), U16(2), F16(2), BF16(2),
    I32(4), U32(4), F32(4), F64(8), I64(8), U64(8);

    private final int bytes;

    SafetensorsDtype(int bytes) {
        this.bytes = bytes;
    }

    public int bytes() {
        return bytes;
    }

    /** True for the types {@link TensorSource#load} accepts. */
    public boolean loadable() {
        return this == F32 || this == F16 || this == BF16;
    }

    /** The header's spelling, or null when it is not a safetensors dtype. */
    public static SafetensorsDtype parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The stored type for an NDArray type this tool writes (FLOAT32 or FLOAT16). */
    public static SafetensorsDtype of(DataType type) {
        switch (type) {
            case FLOAT32:
                return F32;
            case FLOAT16:
                return F16;
            default:
                throw new IllegalArgumentException("only FLOAT32 and FLOAT16 tensors are stored, not " + type);
        }
    }
}

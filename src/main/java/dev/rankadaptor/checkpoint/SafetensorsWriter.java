package dev.rankadaptor.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rankadaptor.common.AtomicFiles;
import dev.rankadaptor.common.Json;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects tensors and writes them as one safetensors file, atomically (a reader never sees a
 * half-written checkpoint). Layout follows the reference library: header JSON padded with spaces
 * to a multiple of 8 bytes, tensors stored back to back in the order added. NDArrays are read only
 * when {@link #write} runs, so large models are streamed rather than copied onto the heap first:
 * keep added arrays open until then.
 */
public final class SafetensorsWriter {
    /** Writes exactly the tensor's bytes, little-endian. */
    @FunctionalInterface
    public interface Body {
        void write(OutputStream out) throws IOException;
    }

    private record Entry(String name, SafetensorsDtype dtype, long[] shape, long bytes, Body body) {
    }

    private final Map<String, String> metadata = new LinkedHashMap<>();
    private final List<Entry> entries = new ArrayList<>();
    private final Set<String> names = new LinkedHashSet<>();

    public SafetensorsWriter metadata(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    /** Adds an NDArray stored as F32 or F16 ({@code stored}); converted at write time if needed. */
    public SafetensorsWriter add(String name, NDArray array, DataType stored) {
        SafetensorsDtype dtype = SafetensorsDtype.of(stored);
        long[] shape = array.getShape().getShape();
        long bytes = TensorInfo.elementCount(shape) * dtype.bytes();
        return add(name, dtype, shape, bytes, out -> {
            if (array.getDataType() == stored) {
                writeBuffer(out, array.toByteBuffer());
            } else {
                try (NDArray converted = array.toType(stored, true)) {
                    writeBuffer(out, converted.toByteBuffer());
                }
            }
        });
    }

    /** Adds float data stored as F32 or F16 (rounded to nearest even). */
    public SafetensorsWriter addFloats(String name, long[] shape, float[] data, SafetensorsDtype stored) {
        checkCount(name, shape, data.length);
        if (stored == SafetensorsDtype.F32) {
            return add(name, stored, shape, data.length * 4L, out -> {
                ByteBuffer b = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                b.asFloatBuffer().put(data);
                out.write(b.array());
            });
        }
        if (stored == SafetensorsDtype.F16) {
            short[] half = new short[data.length];
            for (int i = 0; i < data.length; i++) {
                half[i] = HalfFloats.floatToF16(data[i]);
            }
            return addHalfBits(name, shape, half);
        }
        throw new IllegalArgumentException("floats are stored as F32 or F16, not " + stored);
    }

    /** Adds raw IEEE half bit patterns as an F16 tensor (bit-exact). */
    public SafetensorsWriter addHalfBits(String name, long[] shape, short[] bits) {
        return addShorts(name, SafetensorsDtype.F16, shape, bits);
    }

    /** Adds 16-bit patterns stored as F16 or BF16 (BF16 is for producing test and interchange files). */
    public SafetensorsWriter addShorts(String name, SafetensorsDtype stored, long[] shape, short[] bits) {
        if (stored.bytes() != 2) {
            throw new IllegalArgumentException("16-bit data cannot be stored as " + stored);
        }
        checkCount(name, shape, bits.length);
        return add(name, stored, shape, bits.length * 2L, out -> {
            ByteBuffer b = ByteBuffer.allocate(bits.length * 2).order(ByteOrder.LITTLE_ENDIAN);
            b.asShortBuffer().put(bits);
            out.write(b.array());
        });
    }

    /**
     * Adds a tensor whose bytes a callback streams (e.g. generated data larger than the heap); the
     * byte count is checked against dtype and shape when written.
     */
    public SafetensorsWriter add(String name, SafetensorsDtype dtype, long[] shape, Body body) {
        return add(name, dtype, shape, TensorInfo.elementCount(shape) * dtype.bytes(), body);
    }

    private SafetensorsWriter add(String name, SafetensorsDtype dtype, long[] shape, long bytes, Body body) {
        if (name == null || name.isEmpty() || name.equals(SafetensorsHeader.METADATA_KEY)) {
            throw new IllegalArgumentException("invalid tensor name: " + name);
        }
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("tensor " + name + ": negative dimension in shape");
            }
        }
        if (!names.add(name)) {
            throw new IllegalArgumentException("tensor " + name + " added twice");
        }
        entries.add(new Entry(name, dtype, shape.clone(), bytes, body));
        return this;
    }

    private static void checkCount(String name, long[] shape, int count) {
        if (TensorInfo.elementCount(shape) != count) {
            throw new IllegalArgumentException("tensor " + name + ": shape holds " + TensorInfo.elementCount(shape)
                    + " elements but " + count + " values were given");
        }
    }

    /** Total bytes of tensor data added so far. */
    public long dataBytes() {
        long total = 0;
        for (Entry e : entries) {
            total += e.bytes();
        }
        return total;
    }

    /** Writes the file atomically (temp file, fsync, rename). */
    public void write(Path target) {
        byte[] header = headerBytes();
        AtomicFiles.write(target, out -> {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.length);
            out.write(len.array());
            out.write(header);
            for (Entry e : entries) {
                CountingStream counted = new CountingStream(out);
                e.body().write(counted);
                if (counted.count != e.bytes()) {
                    throw new IOException("tensor " + e.name() + " wrote " + counted.count + " bytes, expected " + e.bytes());
                }
            }
        });
    }

    byte[] headerBytes() {
        ObjectNode root = Json.compact().createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = root.putObject(SafetensorsHeader.METADATA_KEY);
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Entry e : entries) {
            ObjectNode t = root.putObject(e.name());
            t.put("dtype", e.dtype().name());
            ArrayNode shape = t.putArray("shape");
            for (long d : e.shape()) {
                shape.add(d);
            }
            ArrayNode off = t.putArray("data_offsets");
            off.add(offset);
            off.add(offset + e.bytes());
            offset += e.bytes();
        }
        byte[] json = root.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        byte[] out = new byte[padded];
        System.arraycopy(json, 0, out, 0, json.length);
        for (int i = json.length; i < padded; i++) {
            out[i] = ' ';
        }
        return out;
    }

    private static void writeBuffer(OutputStream out, ByteBuffer data) throws IOException {
        ByteBuffer b = data.duplicate().order(data.order());
        if (b.order() != ByteOrder.LITTLE_ENDIAN) {
            throw new IOException("tensor data is not little-endian");
        }
        byte[] chunk = new byte[1 << 20];
        while (b.hasRemaining()) {
            int n = Math.min(chunk.length, b.remaining());
            b.get(chunk, 0, n);
            out.write(chunk, 0, n);
        }
    }

    private static final class CountingStream extends OutputStream {
        private final OutputStream out;
        long count;

        CountingStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}

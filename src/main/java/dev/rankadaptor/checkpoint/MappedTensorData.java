package dev.rankadaptor.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.rankadaptor.common.UserInputException;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.MappedByteBuffer;
import java.nio.ShortBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Raw little-endian tensor data at known byte ranges of one file, memory-mapped on demand: the
 * part that a safetensors file and a torch.save zip archive have in common once their headers are
 * validated. An F32/F16 tensor loaded at its stored type becomes an NDArray over the mapping itself
 * (no copy on the CPU; its pages are faulted in by Java before the array is returned); conversions
 * happen after mapping, and BF16 is widened in Java before any NDArray exists (DJL trap 2, docs/architecture.md).
 * Mappings are private (copy-on-write) where the file can be opened for writing, so an accidental
 * in-place op on a loaded weight changes only this process' copy instead of crashing the JVM.
 */
final class MappedTensorData implements AutoCloseable {
    /** Largest byte range one mapping or one Java-built buffer may have; bigger tensors load in row blocks. */
    static long maxChunkBytes = Integer.MAX_VALUE - 1024;

    private final Path file;
    private final String label;
    private final FileChannel channel;
    private final FileChannel.MapMode mode;
    private final long dataStart;
    private volatile boolean closed;

    private MappedTensorData(Path file, String label, FileChannel channel, FileChannel.MapMode mode, long dataStart) {
        this.file = file;
        this.label = label;
        this.channel = channel;
        this.mode = mode;
        this.dataStart = dataStart;
    }

    /**
     * Opens the file for mapping; {@code label} (e.g. "safetensors file") starts every message.
     * Tensor byte ranges are relative to {@code dataStart}, set later by {@link #withDataStart}.
     */
    static MappedTensorData open(Path file, String label) {
        FileChannel ch;
        FileChannel.MapMode mode;
        try {
            ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            mode = FileChannel.MapMode.PRIVATE;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            try {
                ch = FileChannel.open(file, StandardOpenOption.READ);
                mode = FileChannel.MapMode.READ_ONLY;
            } catch (IOException e2) {
                throw new UserInputException("cannot read " + label + " " + file + ": " + e2.getMessage(), e2);
            }
        }
        return new MappedTensorData(file, label, ch, mode, 0);
    }

    /** The same open file with tensor offsets counted from {@code start} (the end of a header). */
    MappedTensorData withDataStart(long start) {
        return new MappedTensorData(file, label, channel, mode, start);
    }

    FileChannel channel() {
        return channel;
    }

    Path file() {
        return file;
    }

    NDArray load(TensorInfo t, NDManager manager, DataType target) {
        if (target != DataType.FLOAT32 && target != DataType.FLOAT16) {
            throw new IllegalArgumentException("tensors load as FLOAT32 or FLOAT16, not " + target);
        }
        loadable(t);
        long[] dims = t.shape();
        Shape shape = new Shape(dims);
        long n = t.elementCount();
        if (n == 0) {
            return manager.create(shape, target);
        }
        long widest = n * Math.max(4, t.dtype().bytes());
        if (widest <= maxChunkBytes) {
            return loadRange(t, 0, n, shape, manager, target);
        }
        return loadInRowBlocks(t, dims, manager, target);
    }

    /** Loads a tensor too large for one buffer: fills an empty array block by block along dim 0. */
    private NDArray loadInRowBlocks(TensorInfo t, long[] dims, NDManager manager, DataType target) {
        long rows = dims.length == 0 ? 1 : dims[0];
        long rowElems = rows == 0 ? 0 : t.elementCount() / rows;
        long rowBytes = rowElems * 4;
        if (dims.length == 0 || rowBytes > maxChunkBytes) {
            throw new UserInputException(label + " " + file + ", tensor " + t.name() + ": one row of shape "
                    + t.shapeText() + " exceeds " + maxChunkBytes + " bytes; such tensors are not supported");
        }
        long rowsPerBlock = Math.max(1, maxChunkBytes / rowBytes);
        NDArray result = manager.create(new Shape(dims), target);
        try {
            for (long r0 = 0; r0 < rows; r0 += rowsPerBlock) {
                long r1 = Math.min(rows, r0 + rowsPerBlock);
                long[] blockDims = dims.clone();
                blockDims[0] = r1 - r0;
                try (NDArray block = loadRange(t, r0 * rowElems, (r1 - r0) * rowElems, new Shape(blockDims), manager, target)) {
                    result.set(new NDIndex("{}:{}", r0, r1), block);
                }
            }
            return result;
        } catch (RuntimeException e) {
            result.close();
            throw e;
        }
    }

    private NDArray loadRange(TensorInfo t, long firstElem, long count, Shape shape, NDManager manager, DataType target) {
        SafetensorsDtype stored = t.dtype();
        long offset = dataStart + t.begin() + firstElem * stored.bytes();
        try {
            MappedByteBuffer bytes = map(offset, count * stored.bytes());
            if (stored == SafetensorsDtype.BF16) {
                ByteBuffer widened = widenBf16(bytes, (int) count);
                return convert(manager.create(widened, shape, DataType.FLOAT32), target);
            }
            DataType storedType = stored == SafetensorsDtype.F32 ? DataType.FLOAT32 : DataType.FLOAT16;
            if (offset % stored.bytes() != 0) {
                // misaligned element data: give the engine an aligned copy
                ByteBuffer aligned = ByteBuffer.allocateDirect(bytes.remaining()).order(ByteOrder.nativeOrder());
                aligned.put(bytes).flip();
                return convert(manager.create(aligned, shape, storedType), target);
            }
            // Fault every page in from Java: the weights are resident when load returns, and a file
            // truncated behind our back fails here as an InternalError rather than as SIGBUS in native code.
            bytes.load();
            return convert(manager.create(bytes, shape, storedType), target);
        } catch (InternalError e) {
            throw new UserInputException(label + " " + file + ", tensor " + t.name()
                    + ": the data could not be read (was the file truncated or changed while open?)", e);
        }
    }

    private static NDArray convert(NDArray array, DataType target) {
        if (array.getDataType() == target) {
            return array;
        }
        try (NDArray source = array) {
            return source.toType(target, false);
        }
    }

    private static ByteBuffer widenBf16(ByteBuffer bf16, int count) {
        ShortBuffer in = bf16.order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
        ByteBuffer out = ByteBuffer.allocateDirect(count * 4).order(ByteOrder.nativeOrder());
        FloatBuffer f = out.asFloatBuffer();
        for (int i = 0; i < count; i++) {
            f.put(i, HalfFloats.bf16ToFloat(in.get(i)));
        }
        return out;
    }

    /** The tensor as a Java float array (F32, F16 or BF16 widened); under 2^31 elements. */
    float[] readFloats(TensorInfo t) {
        loadable(t);
        long n = t.elementCount();
        if (n > Integer.MAX_VALUE - 8) {
            throw new UserInputException(label + " " + file + ", tensor " + t.name() + ": " + n
                    + " elements do not fit in one Java array");
        }
        float[] out = new float[(int) n];
        ByteBuffer bytes = rawBytes(t);
        switch (t.dtype()) {
            case F32:
                bytes.asFloatBuffer().get(out);
                break;
            case F16: {
                ShortBuffer s = bytes.asShortBuffer();
                for (int i = 0; i < out.length; i++) {
                    out[i] = HalfFloats.f16ToFloat(s.get(i));
                }
                break;
            }
            default: {
                ShortBuffer s = bytes.asShortBuffer();
                for (int i = 0; i < out.length; i++) {
                    out[i] = HalfFloats.bf16ToFloat(s.get(i));
                }
            }
        }
        return out;
    }

    /** The stored little-endian bytes of a tensor as a read-only mapped view (position 0), under 2 GB. */
    ByteBuffer rawBytes(TensorInfo t) {
        if (t.byteSize() > maxChunkBytes) {
            throw new UserInputException(label + " " + file + ", tensor " + t.name() + ": " + t.byteSize()
                    + " bytes exceed one mapping; load it as an NDArray instead");
        }
        return map(dataStart + t.begin(), t.byteSize()).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Writes a tensor's stored bytes to {@code out}, any size (mapped and written in chunks). */
    void copyTo(TensorInfo t, OutputStream out) throws IOException {
        WritableByteChannel ch = Channels.newChannel(out);
        long chunk = Math.min(maxChunkBytes, 64L << 20);
        for (long p = 0; p < t.byteSize(); p += chunk) {
            ByteBuffer b = map(dataStart + t.begin() + p, Math.min(chunk, t.byteSize() - p));
            while (b.hasRemaining()) {
                ch.write(b);
            }
        }
    }

    private void loadable(TensorInfo t) {
        if (!t.dtype().loadable()) {
            throw new UserInputException(label + " " + file + ", tensor " + t.name() + ": dtype " + t.dtype()
                    + " cannot be loaded (supported: F32, F16, BF16)");
        }
    }

    private MappedByteBuffer map(long offset, long length) {
        if (closed) {
            throw new IllegalStateException(label + " " + file + " is closed");
        }
        try {
            // a writable channel would silently extend a file that shrank since it was opened
            if (channel.size() < offset + length) {
                throw new UserInputException(label + " " + file + " is now " + channel.size()
                        + " bytes, shorter than when it was opened: it was truncated or replaced while in use");
            }
            MappedByteBuffer b = channel.map(mode, offset, length);
            b.order(ByteOrder.LITTLE_ENDIAN);
            return b;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot map " + length + " bytes at " + offset + " of " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing useful to do: mappings stay valid after the channel closes
        }
    }
}

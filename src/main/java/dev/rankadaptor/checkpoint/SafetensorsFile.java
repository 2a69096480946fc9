package dev.rankadaptor.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.rankadaptor.common.UserInputException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * One safetensors file, read without ever holding the whole file on the Java heap: the header is
 * validated up front ({@link SafetensorsHeader}), then each tensor is memory-mapped on demand
 * ({@link MappedTensorData}: no copy for F32/F16 at their stored type, BF16 widened in Java).
 */
public final class SafetensorsFile implements TensorFile {
    static final String LABEL = "safetensors file";

    private final Path file;
    private final MappedTensorData data;
    private final SafetensorsHeader header;

    private SafetensorsFile(Path file, MappedTensorData data, SafetensorsHeader header) {
        this.file = file;
        this.data = data;
        this.header = header;
    }

    /** Opens and validates the file; throws {@link UserInputException} naming the file for any defect. */
    public static SafetensorsFile open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserInputException("safetensors file " + file + " does not exist or is not a file");
        }
        MappedTensorData raw = MappedTensorData.open(file, LABEL);
        try {
            SafetensorsHeader header = SafetensorsHeader.read(file, raw.channel());
            return new SafetensorsFile(file, raw.withDataStart(header.dataStart()), header);
        } catch (IOException e) {
            raw.close();
            throw new UserInputException("cannot read safetensors file " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    @Override
    public Path file() {
        return file;
    }

    /** The optional string map stored under "__metadata__" (empty when absent). */
    public Map<String, String> metadata() {
        return header.metadata();
    }

    @Override
    public Map<String, TensorInfo> infos() {
        return header.tensors();
    }

    @Override
    public TensorInfo info(String name) {
        TensorInfo t = header.tensors().get(name);
        if (t == null) {
            throw new UserInputException("safetensors file " + file + " has no tensor " + name);
        }
        return t;
    }

    public SafetensorsDtype dtype(String name) {
        return info(name).dtype();
    }

    /** Bytes of tensor data (the file minus its header). */
    public long dataBytes() {
        return header.dataLength();
    }

    @Override
    public Set<String> names() {
        return header.tensors().keySet();
    }

    @Override
    public boolean contains(String name) {
        return header.tensors().containsKey(name);
    }

    @Override
    public long[] shape(String name) {
        return info(name).shape();
    }

    @Override
    public NDArray load(String name, NDManager manager, DataType target) {
        return data.load(info(name), manager, target);
    }

    @Override
    public float[] readFloats(String name) {
        return data.readFloats(info(name));
    }

    @Override
    public void copyRaw(String name, java.io.OutputStream out) throws IOException {
        data.copyTo(info(name), out);
    }

    @Override
    public ByteBuffer rawBytes(String name) {
        return data.rawBytes(info(name));
    }

    @Override
    public void close() {
        data.close();
    }

    @Override
    public String toString() {
        return "SafetensorsFile[" + file + ", " + header.tensors().size() + " tensors]";
    }
}

package dev.rankadaptor.checkpoint;

import dev.rankadaptor.common.UserInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One safetensors file, read without ever holding the whole file on the Java heap: the header is
 * validated up front ({@link SafetensorsHeader}), then each tensor is memory-mapped on demand
 * ({@link MappedTensorData}: no copy for F32/F16 at their stored type, BF16 widened in Java).
 */
public final class SafetensorsFile extends MappedTensorFile {
    static final String LABEL = "safetensors file";

    private final SafetensorsHeader header;

    private SafetensorsFile(Path file, MappedTensorData data, SafetensorsHeader header) {
        super(file, LABEL, data);
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

    /** The optional string map stored under "__metadata__" (empty when absent). */
    public Map<String, String> metadata() {
        return header.metadata();
    }

    @Override
    public Map<String, TensorInfo> infos() {
        return header.tensors();
    }

    public SafetensorsDtype dtype(String name) {
        return info(name).dtype();
    }

    /** Bytes of tensor data (the file minus its header). */
    public long dataBytes() {
        return header.dataLength();
    }

    @Override
    public String toString() {
        return "SafetensorsFile[" + file() + ", " + header.tensors().size() + " tensors]";
    }
}

package dev.rankadaptor.checkpoint;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rankadaptor.common.UserInputException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parsed and fully validated header of one safetensors file. Every check the format allows is
 * done here, before any byte of tensor data is touched, so that a damaged or hostile file gives a
 * message naming the file and the tensor instead of a native crash or a garbage model later.
 */
record SafetensorsHeader(Path file, long dataStart, long dataLength, Map<String, TensorInfo> tensors,
                         Map<String, String> metadata) {

    /** The reference implementation refuses headers over 100 MB; so do we (guards huge allocations). */
    static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;
    static final String METADATA_KEY = "__metadata__";
    private static final ObjectMapper STRICT = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    static SafetensorsHeader read(Path file, FileChannel channel) throws IOException {
        long size = channel.size();
        if (size < 8) {
            throw bad(file, "is " + size + " bytes long: a safetensors file starts with an 8-byte header length (truncated file?)");
        }
        ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, lenBuf, 0);
        long headerLength = lenBuf.getLong(0);
        if (headerLength < 0 || headerLength > size - 8) {
            throw bad(file, "header length " + Long.toUnsignedString(headerLength) + " runs past the end of the file ("
                    + size + " bytes): truncated or not a safetensors file");
        }
        if (headerLength > MAX_HEADER_BYTES) {
            throw bad(file, "header length " + headerLength + " exceeds the 100 MB limit of the format");
        }
        if (headerLength < 2) {
            throw bad(file, "header length " + headerLength + " is too small for a JSON object");
        }
        ByteBuffer json = ByteBuffer.allocate((int) headerLength);
        readFully(channel, json, 8);
        long dataStart = 8 + headerLength;
        return parse(file, new String(json.array(), StandardCharsets.UTF_8), dataStart, size - dataStart);
    }

    /** Fills {@code buf} from the channel at {@code position}; a short file is an IOException. */
    static void readFully(FileChannel channel, ByteBuffer buf, long position) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            int n = channel.read(buf, pos);
            if (n < 0) {
                throw new IOException("unexpected end of file at byte " + pos);
            }
            pos += n;
        }
    }

    static SafetensorsHeader parse(Path file, String jsonText, long dataStart, long dataLength) {
        JsonNode root;
        try {
            root = STRICT.readTree(jsonText);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw bad(file, "header is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw bad(file, "header must be a JSON object of tensors");
        }
        Map<String, TensorInfo> tensors = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (f.getKey().equals(METADATA_KEY)) {
                readMetadata(file, f.getValue(), metadata);
            } else {
                tensors.put(f.getKey(), readTensor(file, f.getKey(), f.getValue(), dataLength));
            }
        }
        checkOverlaps(file, tensors);
        return new SafetensorsHeader(file, dataStart, dataLength, Collections.unmodifiableMap(tensors),
                Collections.unmodifiableMap(metadata));
    }

    private static void readMetadata(Path file, JsonNode node, Map<String, String> out) {
        if (!node.isObject()) {
            throw bad(file, "__metadata__ must be an object of strings");
        }
        node.fields().forEachRemaining(e -> {
            if (!e.getValue().isTextual()) {
                throw bad(file, "__metadata__ value of \"" + e.getKey() + "\" must be a string");
            }
            out.put(e.getKey(), e.getValue().asText());
        });
    }

    private static TensorInfo readTensor(Path file, String name, JsonNode node, long dataLength) {
        if (!node.isObject()) {
            throw badTensor(file, name, "entry must be an object with dtype, shape and data_offsets");
        }
        JsonNode dt = node.get("dtype");
        if (dt == null || !dt.isTextual()) {
            throw badTensor(file, name, "dtype is missing or not a string");
        }
        SafetensorsDtype dtype = SafetensorsDtype.parse(dt.asText());
        if (dtype == null) {
            throw badTensor(file, name, "unknown dtype \"" + dt.asText() + "\"");
        }
        JsonNode sh = node.get("shape");
        if (sh == null || !sh.isArray()) {
            throw badTensor(file, name, "shape is missing or not an array");
        }
        long[] shape = new long[sh.size()];
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = sh.get(i);
            if (!d.isIntegralNumber() || !d.canConvertToLong() || d.asLong() < 0) {
                throw badTensor(file, name, "shape " + sh + " must hold non-negative integers");
            }
            shape[i] = d.asLong();
        }
        JsonNode off = node.get("data_offsets");
        if (off == null || !off.isArray() || off.size() != 2 || !off.get(0).isIntegralNumber()
                || !off.get(1).isIntegralNumber() || !off.get(0).canConvertToLong() || !off.get(1).canConvertToLong()) {
            throw badTensor(file, name, "data_offsets must be [begin, end] integers, was " + off);
        }
        long begin = off.get(0).asLong();
        long end = off.get(1).asLong();
        if (begin < 0 || end < begin) {
            throw badTensor(file, name, "data_offsets " + off + " must satisfy 0 <= begin <= end");
        }
        if (end > dataLength) {
            throw badTensor(file, name, "data_offsets " + off + " run past the end of the data section ("
                    + dataLength + " bytes): truncated file or bad offsets");
        }
        long expected;
        try {
            expected = Math.multiplyExact(TensorInfo.elementCount(shape), dtype.bytes());
        } catch (ArithmeticException e) {
            throw badTensor(file, name, "shape " + sh + " is too large");
        }
        if (end - begin != expected) {
            throw badTensor(file, name, "shape " + sh + " of dtype " + dtype + " needs " + expected
                    + " bytes but data_offsets " + off + " cover " + (end - begin));
        }
        return new TensorInfo(name, dtype, shape, begin, end);
    }

    private static void checkOverlaps(Path file, Map<String, TensorInfo> tensors) {
        List<TensorInfo> sorted = new ArrayList<>();
        for (TensorInfo t : tensors.values()) {
            if (t.byteSize() > 0) {
                sorted.add(t);
            }
        }
        sorted.sort(Comparator.comparingLong(TensorInfo::begin));
        for (int i = 1; i < sorted.size(); i++) {
            TensorInfo prev = sorted.get(i - 1);
            TensorInfo cur = sorted.get(i);
            if (cur.begin() < prev.end()) {
                throw bad(file, "tensors " + prev.name() + " [" + prev.begin() + ", " + prev.end() + ") and "
                        + cur.name() + " [" + cur.begin() + ", " + cur.end() + ") have overlapping data_offsets");
            }
        }
    }

    static UserInputException bad(Path file, String what) {
        return new UserInputException("safetensors file " + file + ": " + what);
    }

    static UserInputException badTensor(Path file, String tensor, String what) {
        return new UserInputException("safetensors file " + file + ", tensor " + tensor + ": " + what);
    }
}

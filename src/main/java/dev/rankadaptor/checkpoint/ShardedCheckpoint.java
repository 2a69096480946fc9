package dev.rankadaptor.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rankadaptor.common.AtomicFiles;
import dev.rankadaptor.common.Json;
import dev.rankadaptor.common.UserInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A checkpoint split over several files, as Hugging Face saves models above a few GB:
 * model.safetensors.index.json (or pytorch_model.bin.index.json for torch.save shards) maps each
 * tensor name to its shard. All shards are opened (headers
 * validated) up front so that a missing shard or a tensor missing from its shard is reported when
 * the checkpoint is opened, not halfway through building a model.
 */
public final class ShardedCheckpoint implements TensorSource {
    public static final String INDEX_FILE = "model.safetensors.index.json";
    /** The index Hugging Face writes beside pytorch_model-0000N-of-0000M.bin shards. */
    public static final String TORCH_INDEX_FILE = "pytorch_model.bin.index.json";

    private final Path index;
    private final Map<String, TensorFile> byTensor;
    private final Map<String, TensorFile> shards;

    private ShardedCheckpoint(Path index, Map<String, TensorFile> byTensor, Map<String, TensorFile> shards) {
        this.index = index;
        this.byTensor = byTensor;
        this.shards = shards;
    }

    /** Opens the index file and every shard it names (shard paths are relative to its folder). */
    public static ShardedCheckpoint open(Path indexFile) {
        Map<String, String> weightMap = readWeightMap(indexFile);
        Path folder = indexFile.toAbsolutePath().getParent();
        Map<String, TensorFile> shards = new LinkedHashMap<>();
        Map<String, TensorFile> byTensor = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, String> e : weightMap.entrySet()) {
                String shardName = e.getValue();
                TensorFile shard = shards.get(shardName);
                if (shard == null) {
                    Path shardPath = folder.resolve(shardName).normalize();
                    if (!shardPath.startsWith(folder)) {
                        throw new UserInputException(indexFile + ": shard \"" + shardName + "\" (for tensor " + e.getKey()
                                + ") points outside the checkpoint folder");
                    }
                    if (!Files.isRegularFile(shardPath)) {
                        throw new UserInputException(indexFile + " lists shard " + shardName + " (for tensor " + e.getKey()
                                + ") but " + shardPath + " is missing");
                    }
                    shard = TensorFile.open(shardPath);
                    shards.put(shardName, shard);
                }
                if (!shard.contains(e.getKey())) {
                    throw new UserInputException(indexFile + " lists tensor " + e.getKey() + " in shard " + shardName
                            + " but that shard does not contain it");
                }
                byTensor.put(e.getKey(), shard);
            }
        } catch (RuntimeException ex) {
            shards.values().forEach(TensorFile::close);
            throw ex;
        }
        return new ShardedCheckpoint(indexFile, Collections.unmodifiableMap(byTensor), Collections.unmodifiableMap(shards));
    }

    static Map<String, String> readWeightMap(Path indexFile) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(indexFile.toFile());
        } catch (IOException e) {
            throw new UserInputException("cannot read shard index " + indexFile + ": " + e.getMessage(), e);
        }
        JsonNode map = root == null ? null : root.get("weight_map");
        if (map == null || !map.isObject() || map.isEmpty()) {
            throw new UserInputException(indexFile + ": expected a non-empty \"weight_map\" object {tensor: shard file}");
        }
        Map<String, String> out = new LinkedHashMap<>();
        map.fields().forEachRemaining(e -> {
            if (!e.getValue().isTextual()) {
                throw new UserInputException(indexFile + ": weight_map entry for " + e.getKey() + " must be a file name");
            }
            out.put(e.getKey(), e.getValue().asText());
        });
        return out;
    }

    /** Writes an index for shards written separately (atomically); total_size is the data byte count. */
    public static void writeIndex(Path indexFile, Map<String, String> weightMap, long totalSize) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.putObject("metadata").put("total_size", totalSize);
        ObjectNode map = root.putObject("weight_map");
        weightMap.forEach(map::put);
        AtomicFiles.writeString(indexFile, root.toPrettyString() + "\n");
    }

    public Path indexFile() {
        return index;
    }

    /** The opened shards by file name. */
    public Map<String, TensorFile> shards() {
        return shards;
    }

    /** The shard holding a tensor. */
    public TensorFile shardOf(String name) {
        TensorFile f = byTensor.get(name);
        if (f == null) {
            throw new UserInputException("sharded checkpoint " + index + " has no tensor " + name);
        }
        return f;
    }

    public TensorInfo info(String name) {
        return shardOf(name).info(name);
    }

    @Override
    public Set<String> names() {
        return byTensor.keySet();
    }

    @Override
    public boolean contains(String name) {
        return byTensor.containsKey(name);
    }

    @Override
    public long[] shape(String name) {
        return shardOf(name).shape(name);
    }

    @Override
    public NDArray load(String name, NDManager manager, DataType target) {
        return shardOf(name).load(name, manager, target);
    }

    public float[] readFloats(String name) {
        return shardOf(name).readFloats(name);
    }

    @Override
    public void close() {
        shards.values().forEach(TensorFile::close);
    }
}

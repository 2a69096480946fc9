package dev.rankadaptor.checkpoint;

import dev.rankadaptor.common.FileTrees;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rankadaptor.common.AtomicFiles;
import dev.rankadaptor.common.AtomicFolders;
import dev.rankadaptor.common.UserInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Rewrites a checkpoint folder (typically torch.save pickles) as safetensors, so that tools which
 * only read safetensors, or that would unpickle the .bin with Python, get a folder that is safe to
 * open. Every tensor is copied bit for bit in its stored dtype (no conversion), streamed from the
 * mapped source, one safetensors file per source shard; config.json is copied with the bos/eos ids
 * (and a missing vocab_size) as {@link Checkpoint#open} reconciled them, and the tokenizer files are
 * copied verbatim. The result is written into a temp folder beside the target, re-opened and checked
 * against the source, and only then renamed into place.
 */
public final class CheckpointConverter {
    /** Files copied verbatim when present. */
    static final List<String> SIDE_FILES = List.of(Tokenizers.HF_FILE, Tokenizers.SENTENCEPIECE_FILE,
            "tokenizer_config.json", "special_tokens_map.json", "added_tokens.json", "generation_config.json",
            LayoutManifest.FILE);

    /** What was written. */
    public record Outcome(Path folder, int tensors, int weightFiles, long bytes) {
    }

    private CheckpointConverter() {
    }

    /** Converts {@code source} into the new folder {@code target} (refused when it exists). */
    public static Outcome toSafetensors(Path source, Path target, Consumer<String> warnings) {
        if (Files.exists(target)) {
            throw new UserInputException("output folder " + target + " already exists: choose a new folder");
        }
        try (Checkpoint ck = Checkpoint.open(source, warnings)) {
            Map<TensorFile, List<String>> groups = groups(ck.tensors());
            Path tmp = AtomicFolders.tempBeside(target);
            try {
                Map<String, String> weightMap = new LinkedHashMap<>();
                long bytes = 0;
                int index = 0;
                for (Map.Entry<TensorFile, List<String>> g : groups.entrySet()) {
                    index++;
                    String fileName = groups.size() == 1 ? Checkpoint.SINGLE_FILE
                            : String.format("model-%05d-of-%05d.safetensors", index, groups.size());
                    SafetensorsWriter w = new SafetensorsWriter().metadata("format", "pt");
                    for (String name : g.getValue()) {
                        TensorFile f = g.getKey();
                        TensorInfo t = f.info(name);
                        w.add(name, t.dtype(), t.shape(), out -> f.copyRaw(name, out));
                        weightMap.put(name, fileName);
                        bytes += t.byteSize();
                    }
                    w.write(tmp.resolve(fileName));
                }
                if (groups.size() > 1) {
                    ShardedCheckpoint.writeIndex(tmp.resolve(ShardedCheckpoint.INDEX_FILE), weightMap, bytes);
                }
                writeConfig(ck, tmp.resolve(Checkpoint.CONFIG_FILE));
                for (String side : SIDE_FILES) {
                    Path from = source.resolve(side);
                    if (Files.isRegularFile(from)) {
                        Files.copy(from, tmp.resolve(side), StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
                verify(ck, tmp);
                AtomicFolders.publish(tmp, target, false);
                return new Outcome(target, weightMap.size(), groups.size(), bytes);
            } catch (IOException e) {
                FileTrees.deleteTree(tmp);
                throw new UserInputException("cannot write " + target + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                FileTrees.deleteTree(tmp);
                throw e;
            }
        }
    }

    /** Tensor names per output file: one group per source shard, in the source's order. */
    private static Map<TensorFile, List<String>> groups(TensorSource tensors) {
        Map<TensorFile, List<String>> out = new LinkedHashMap<>(); // TensorFiles compare by identity
        if (tensors instanceof ShardedCheckpoint s) {
            for (TensorFile shard : s.shards().values()) {
                out.put(shard, new ArrayList<>());
            }
            for (String name : s.names()) {
                out.get(s.shardOf(name)).add(name);
            }
            out.values().removeIf(List::isEmpty);
        } else {
            out.put((TensorFile) tensors, new ArrayList<>(tensors.names()));
        }
        return out;
    }

    private static void writeConfig(Checkpoint ck, Path to) {
        JsonNode json = LlamaConfigReader.readTree(ck.folder().resolve(Checkpoint.CONFIG_FILE));
        ObjectNode o = ((ObjectNode) json).deepCopy();
        LlamaConfig c = ck.config();
        o.put("bos_token_id", c.bosTokenId());
        o.put("eos_token_id", c.eosTokenId());
        o.put("vocab_size", c.vocabSize());
        // what current readers look for, where a LLaMA-1 conversion used the old names or none
        if (!o.has("model_type")) {
            o.put("model_type", "llama");
        }
        if (!o.has("max_position_embeddings")) {
            o.put("max_position_embeddings", c.maxPositionEmbeddings());
        }
        AtomicFiles.writeString(to, o.toPrettyString() + "\n");
    }

    /** The written folder opens, with the source's config, layout and tensor entries (dtype, shape, size). */
    private static void verify(Checkpoint source, Path written) {
        try (Checkpoint back = Checkpoint.open(written, w -> { })) {
            if (!back.config().equals(source.config()) || !back.layout().equals(source.layout())) {
                throw new IllegalStateException("the converted folder " + written + " reads back differently: "
                        + back.config() + " " + back.layout());
            }
            for (TensorInfo t : source.tensorInfos().values()) {
                TensorInfo b = back.tensorInfos().get(t.name());
                if (b == null || b.dtype() != t.dtype() || !java.util.Arrays.equals(b.shape(), t.shape())
                        || b.byteSize() != t.byteSize()) {
                    throw new IllegalStateException("the converted folder lost or changed tensor " + t.name());
                }
            }
        }
    }
}

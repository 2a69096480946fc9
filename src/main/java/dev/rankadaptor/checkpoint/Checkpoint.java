package dev.rankadaptor.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rankadaptor.common.UserInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * An opened Hugging Face LLaMA checkpoint folder: config.json, the weights (safetensors or torch.save
 * pickles, one file or shards; safetensors preferred when both are present), the layout read from the tensors (checked against layout.json when present) and the
 * tokenizer (opened on first use). Opening validates everything that can be checked without
 * reading tensor data, so a bad folder fails here with a message, not deep inside a model build.
 */
public final class Checkpoint implements AutoCloseable {
    public static final String CONFIG_FILE = "config.json";
    public static final String SINGLE_FILE = "model.safetensors";
    /** The single-file PyTorch weights Hugging Face writes (a torch.save zip archive). */
    public static final String TORCH_SINGLE_FILE = "pytorch_model.bin";
    /** PyTorch files in a model folder that are not its weights (trainer state, PEFT adapters). */
    private static final java.util.regex.Pattern NOT_WEIGHTS = java.util.regex.Pattern.compile(
            "training_args\\.bin|optimizer\\.pt|scheduler\\.pt|scaler\\.pt|rng_state.*\\.pth|adapter_model\\.bin");

    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private final Path folder;
    private final LlamaConfig config;
    private final TensorSource tensors;
    private final Map<String, TensorInfo> infos;
    private final LayerLayout layout;
    private final LayoutManifest manifest;
    private TextTokenizer tokenizer;

    private Checkpoint(Path folder, LlamaConfig config, TensorSource tensors, Map<String, TensorInfo> infos,
                       LayerLayout layout, LayoutManifest manifest) {
        this.folder = folder;
        this.config = config;
        this.tensors = tensors;
        this.infos = infos;
        this.layout = layout;
        this.manifest = manifest;
    }

    /**
     * Opens a folder; warnings (config.json disagreeing with the tokenizer, a vocab_size taken from
     * the embedding) go to standard error, each at most once per process.
     */
    public static Checkpoint open(Path folder) {
        return openQuietly(folder, Checkpoint::warnOnce);
    }

    /**
     * Opens a folder, passing each warning to {@code warnings} (a run's log); a warning given here is
     * not repeated on standard error by later {@link #open(Path)} calls of the same process.
     */
    public static Checkpoint open(Path folder, Consumer<String> warnings) {
        return openQuietly(folder, w -> {
            WARNED.add(w);
            warnings.accept(w);
        });
    }

    private static void warnOnce(String message) {
        if (WARNED.add(message)) {
            System.err.println("warning: " + message);
        }
    }

    private static Checkpoint openQuietly(Path folder, Consumer<String> warnings) {
        if (folder == null || !Files.exists(folder)) {
            throw new UserInputException("checkpoint folder " + folder + " does not exist");
        }
        if (!Files.isDirectory(folder)) {
            throw new UserInputException("checkpoint " + folder + " is not a folder: give the folder that holds "
                    + CONFIG_FILE + " and the safetensors weights");
        }
        Path configFile = folder.resolve(CONFIG_FILE);
        if (!Files.isRegularFile(configFile)) {
            throw new UserInputException("no " + CONFIG_FILE + " in " + folder + ": a checkpoint folder needs "
                    + CONFIG_FILE + " plus " + SINGLE_FILE + ", " + ShardedCheckpoint.INDEX_FILE + ", " + TORCH_SINGLE_FILE
                    + " or " + ShardedCheckpoint.TORCH_INDEX_FILE);
        }
        JsonNode configJson = LlamaConfigReader.readTree(configFile);
        boolean lacksVocab = LlamaConfigReader.lacksVocabSize(configJson);
        // every other config error is reported before any weights error, vocab_size or not
        LlamaConfig config = LlamaConfigReader.parse(lacksVocab ? ((ObjectNode) configJson).deepCopy().put("vocab_size", 1)
                : configJson, configFile.toString());
        TensorSource tensors = openWeights(folder);
        try {
            if (lacksVocab) {
                config = withVocabFromEmbedding(configJson, configFile, tensors, warnings);
            }
            config = TokenizerSpecialIds.reconcile(config, folder, warnings);
            Map<String, TensorInfo> infos = infos(tensors);
            LayerLayout layout = LayoutReader.read(config, tensors, "checkpoint " + folder);
            LayoutManifest manifest = null;
            Path manifestFile = folder.resolve(LayoutManifest.FILE);
            if (Files.isRegularFile(manifestFile)) {
                manifest = LayoutManifest.read(manifestFile);
                manifest.checkAgainst(layout, config, manifestFile);
            }
            return new Checkpoint(folder, config, tensors, infos, layout, manifest);
        } catch (RuntimeException e) {
            tensors.close();
            throw e;
        }
    }

    private static LlamaConfig withVocabFromEmbedding(JsonNode json, Path configFile, TensorSource tensors,
                                                      Consumer<String> warnings) {
        if (!tensors.contains(TensorNames.EMBED) || tensors.shape(TensorNames.EMBED).length != 2) {
            throw new UserInputException(configFile + ": vocab_size is " + json.get("vocab_size")
                    + " and there is no 2-D " + TensorNames.EMBED + " to take it from");
        }
        long rows = tensors.shape(TensorNames.EMBED)[0];
        ObjectNode fixed = ((ObjectNode) json).deepCopy();
        fixed.put("vocab_size", rows);
        warnings.accept(configFile + " gives vocab_size " + json.get("vocab_size") + ": using " + rows
                + ", the rows of " + TensorNames.EMBED);
        return LlamaConfigReader.parse(fixed, configFile.toString());
    }

    private static TensorSource openWeights(Path folder) {
        Path index = folder.resolve(ShardedCheckpoint.INDEX_FILE);
        if (Files.isRegularFile(index)) {
            return ShardedCheckpoint.open(index);
        }
        Path single = folder.resolve(SINGLE_FILE);
        if (Files.isRegularFile(single)) {
            return SafetensorsFile.open(single);
        }
        List<Path> other = list(folder, ".safetensors");
        if (other.size() == 1) {
            return SafetensorsFile.open(other.get(0));
        }
        if (other.size() > 1) {
            throw new UserInputException("no weights in " + folder + ": found " + other.size() + " .safetensors files but no "
                    + ShardedCheckpoint.INDEX_FILE + " to join them");
        }
        // PyTorch pickle weights, read without running them (TorchCheckpointFile)
        Path torchIndex = folder.resolve(ShardedCheckpoint.TORCH_INDEX_FILE);
        if (Files.isRegularFile(torchIndex)) {
            return ShardedCheckpoint.open(torchIndex);
        }
        Path torchSingle = folder.resolve(TORCH_SINGLE_FILE);
        if (Files.isRegularFile(torchSingle)) {
            return TorchCheckpointFile.open(torchSingle);
        }
        List<Path> pickles = new ArrayList<>();
        for (String suffix : new String[]{".bin", ".pth", ".pt"}) {
            for (Path p : list(folder, suffix)) {
                if (!NOT_WEIGHTS.matcher(p.getFileName().toString()).matches()) {
                    pickles.add(p);
                }
            }
        }
        if (pickles.size() == 1) {
            return TorchCheckpointFile.open(pickles.get(0));
        }
        if (pickles.size() > 1) {
            throw new UserInputException("no weights in " + folder + ": found " + pickles.size() + " PyTorch files ("
                    + pickles.stream().map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.joining(", "))
                    + ") but no " + ShardedCheckpoint.TORCH_INDEX_FILE + " to join them");
        }
        throw new UserInputException("no weights in " + folder + ": expected " + SINGLE_FILE + ", "
                + ShardedCheckpoint.INDEX_FILE + ", " + TORCH_SINGLE_FILE + " or " + ShardedCheckpoint.TORCH_INDEX_FILE);
    }

    private static List<Path> list(Path folder, String suffix) {
        try (Stream<Path> s = Files.list(folder)) {
            List<Path> out = new ArrayList<>();
            s.filter(p -> p.getFileName().toString().endsWith(suffix) && Files.isRegularFile(p)).sorted().forEach(out::add);
            return out;
        } catch (IOException e) {
            throw new UserInputException("cannot list checkpoint folder " + folder + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, TensorInfo> infos(TensorSource tensors) {
        Map<String, TensorInfo> out = new TreeMap<>();
        if (tensors instanceof TensorFile f) {
            out.putAll(f.infos());
        } else if (tensors instanceof ShardedCheckpoint s) {
            for (String name : s.names()) {
                out.put(name, s.info(name));
            }
        }
        return Collections.unmodifiableMap(out);
    }

    public Path folder() {
        return folder;
    }

    /** config.json as read, with bos/eos ids taken from the tokenizer where they disagreed (see docs/checkpoints.md). */
    public LlamaConfig config() {
        return config;
    }

    /** Per-layer widths read from the tensors (uneven for pruned models). */
    public LayerLayout layout() {
        return layout;
    }

    /** True when the layout differs from config.json's nominal widths (a pruned model). */
    public boolean isPruned() {
        return !layout.equals(config.nominalLayout());
    }

    /** The layout.json manifest, or null when the folder has none. */
    public LayoutManifest manifest() {
        return manifest;
    }

    public TensorSource tensors() {
        return tensors;
    }

    /** Header entries of every tensor, by name. */
    public Map<String, TensorInfo> tensorInfos() {
        return infos;
    }

    public boolean hasTokenizer() {
        return Tokenizers.present(folder);
    }

    /** The folder's tokenizer, opened on first call and closed with the checkpoint. */
    public synchronized TextTokenizer tokenizer() {
        if (tokenizer == null) {
            tokenizer = Tokenizers.open(folder);
        }
        return tokenizer;
    }

    /** Model parameters per the layout (embeddings, layers, norm, untied head). */
    public long parameterCount() {
        return layout.parameterCount(config);
    }

    /** Elements stored per dtype, e.g. {F16=6738415616}. */
    public Map<SafetensorsDtype, Long> dtypeSummary() {
        Map<SafetensorsDtype, Long> out = new TreeMap<>();
        for (TensorInfo t : infos.values()) {
            out.merge(t.dtype(), t.elementCount(), Long::sum);
        }
        return Collections.unmodifiableMap(out);
    }

    /** The dtype holding most elements (what "the checkpoint's dtype" means to a user). */
    public SafetensorsDtype dominantDtype() {
        return dtypeSummary().entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                .orElse(SafetensorsDtype.F32);
    }

    /** Bytes of tensor data as stored. */
    public long totalBytes() {
        long total = 0;
        for (TensorInfo t : infos.values()) {
            total += t.byteSize();
        }
        return total;
    }

    @Override
    public synchronized void close() {
        if (tokenizer != null) {
            tokenizer.close();
            tokenizer = null;
        }
        tensors.close();
    }

    @Override
    public String toString() {
        return "Checkpoint[" + folder + ", " + layout.size() + " layers, " + parameterCount() + " parameters]";
    }
}

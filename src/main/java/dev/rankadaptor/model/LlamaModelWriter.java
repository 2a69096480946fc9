package dev.rankadaptor.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.rankadaptor.checkpoint.LayerLayout;
import dev.rankadaptor.checkpoint.LayoutManifest;
import dev.rankadaptor.checkpoint.LlamaConfig;
import dev.rankadaptor.checkpoint.LlamaConfigWriter;
import dev.rankadaptor.checkpoint.SafetensorsWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * Saves a model as a Hugging Face-style checkpoint folder (config.json, model.safetensors, the
 * tokenizer files copied from a source folder, and layout.json when layers differ from the
 * config), so the pretraining, pruning and merge steps all produce folders every loader reads.
 */
public final class LlamaModelWriter {
    /** Tokenizer and generation files copied verbatim when present in the source folder. */
    public static final List<String> SIDE_FILES = List.of("tokenizer.json", "tokenizer.model", "tokenizer_config.json",
            "special_tokens_map.json", "generation_config.json");

    private LlamaModelWriter() {
    }

    /**
     * Writes the model into {@code folder}. Linear/embedding weights are stored in {@code stored}
     * (F32 or F16); norms always in F32. {@code source} describes provenance for layout.json.
     */
    public static void write(LlamaModel model, Path folder, DataType stored, Path tokenizerSource, Map<String, String> source) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write checkpoint " + folder + ": " + e.getMessage(), e);
        }
        SafetensorsWriter w = new SafetensorsWriter().metadata("format", "pt");
        for (Map.Entry<String, NDArray> e : model.namedWeights().entrySet()) {
            w.add(e.getKey(), e.getValue(), storedAs(e.getKey(), stored));
        }
        w.write(folder.resolve("model.safetensors"));
        writeFolderFiles(model.config(), model.layout(), folder, stored, tokenizerSource, source);
    }

    /** Norms are always stored in F32, every other tensor in {@code stored}. */
    public static DataType storedAs(String tensorName, DataType stored) {
        return tensorName.endsWith("norm.weight") ? DataType.FLOAT32 : stored;
    }

    /**
     * Everything of a checkpoint folder but its weights: config.json for a model of {@code layout}
     * (layer count from the layout), layout.json when the layers differ from the config's nominal
     * widths, and the tokenizer files copied from {@code tokenizerSource}. Shared by writers that
     * produce the weights in other ways (the streaming pruned-checkpoint writer).
     */
    public static void writeFolderFiles(LlamaConfig c, LayerLayout layout, Path folder, DataType stored,
                                        Path tokenizerSource, Map<String, String> source) {
        try {
            Files.createDirectories(folder);
            String dtypeName = stored == DataType.FLOAT16 ? "float16" : "float32";
            LlamaConfig written = new LlamaConfig(c.hiddenSize(), c.intermediateSize(), c.numAttentionHeads(),
                    c.numKeyValueHeads(), layout.size(), c.vocabSize(), c.headDim(), c.rmsNormEps(), c.ropeTheta(),
                    c.tieWordEmbeddings(), c.maxPositionEmbeddings(), c.bosTokenId(), c.eosTokenId(), dtypeName);
            LlamaConfigWriter.write(written, folder.resolve("config.json"));
            boolean uniform = layout.equals(written.nominalLayout());
            Path manifest = folder.resolve(LayoutManifest.FILE);
            if (!uniform) {
                new LayoutManifest(layout, c.hiddenSize(), c.headDim(), source).write(manifest);
            } else {
                Files.deleteIfExists(manifest);
            }
            if (tokenizerSource != null && !tokenizerSource.toAbsolutePath().equals(folder.toAbsolutePath())) {
                for (String f : SIDE_FILES) {
                    Path src = tokenizerSource.resolve(f);
                    if (Files.isRegularFile(src)) {
                        Files.copy(src, folder.resolve(f), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write checkpoint " + folder + ": " + e.getMessage(), e);
        }
    }
}

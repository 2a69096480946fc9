package dev.rankadaptor.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rankadaptor.common.AtomicFiles;
import dev.rankadaptor.common.InvalidFieldException;
import dev.rankadaptor.common.Json;
import dev.rankadaptor.common.UserInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * layout.json: the per-layer widths of a pruned checkpoint plus where it came from (base model,
 * method, ratio...). It lets a person or a tool see a pruned model's shape without reading tensors;
 * when present it must agree with the tensors ({@link #checkAgainst}), which stay the truth.
 */
public record LayoutManifest(LayerLayout layout, int hiddenSize, int headDim, Map<String, String> source) {
    public static final String FILE = "layout.json";
    public static final String FORMAT = "rankadaptor-layout";
    public static final int VERSION = 1;

    public LayoutManifest {
        if (layout == null) {
            throw new InvalidFieldException("layout", "is required");
        }
        source = source == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(source));
    }

    public void write(Path file) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("hidden_size", hiddenSize);
        root.put("head_dim", headDim);
        ArrayNode layers = root.putArray("layers");
        for (LayerLayout.Layer l : layout.layers()) {
            ObjectNode o = layers.addObject();
            o.put("heads", l.heads());
            o.put("kv_heads", l.kvHeads());
            o.put("mlp_width", l.mlpWidth());
        }
        ObjectNode src = root.putObject("source");
        source.forEach(src::put);
        AtomicFiles.writeString(file, root.toPrettyString() + "\n");
    }

    public static LayoutManifest read(Path file) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UserInputException("cannot read layout manifest " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
            throw new UserInputException(file + ": expected a JSON object with \"format\": \"" + FORMAT + "\"");
        }
        int version = root.path("version").asInt(-1);
        if (version != VERSION) {
            throw new UserInputException(file + ": unsupported layout manifest version " + root.get("version")
                    + " (this tool reads version " + VERSION + ")");
        }
        JsonNode layers = root.get("layers");
        if (layers == null || !layers.isArray() || layers.isEmpty()) {
            throw new UserInputException(file + ": \"layers\" must be a non-empty array");
        }
        List<LayerLayout.Layer> list = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            JsonNode l = layers.get(i);
            try {
                list.add(new LayerLayout.Layer(field(file, l, i, "heads"), field(file, l, i, "kv_heads"),
                        field(file, l, i, "mlp_width")));
            } catch (InvalidFieldException e) {
                throw new UserInputException(file + ": layers[" + i + "]: " + e.getMessage(), e);
            }
        }
        Map<String, String> source = new LinkedHashMap<>();
        JsonNode src = root.get("source");
        if (src != null && src.isObject()) {
            src.fields().forEachRemaining(e -> source.put(e.getKey(), e.getValue().asText()));
        }
        return new LayoutManifest(new LayerLayout(list), root.path("hidden_size").asInt(0),
                root.path("head_dim").asInt(0), source);
    }

    private static int field(Path file, JsonNode layer, int i, String name) {
        JsonNode n = layer.get(name);
        if (n == null || !n.isIntegralNumber() || !n.canConvertToInt()) {
            throw new UserInputException(file + ": layers[" + i + "]." + name + " must be an integer");
        }
        return n.asInt();
    }

    /** Throws naming the first disagreement between this manifest and the layout read from tensors. */
    public void checkAgainst(LayerLayout actual, LlamaConfig config, Path file) {
        if (hiddenSize != config.hiddenSize() || headDim != config.headDim()) {
            throw new UserInputException(file + ": hidden_size/head_dim " + hiddenSize + "/" + headDim
                    + " disagree with config.json (" + config.hiddenSize() + "/" + config.headDim() + ")");
        }
        if (layout.size() != actual.size()) {
            throw new UserInputException(file + " lists " + layout.size() + " layers but the tensors have " + actual.size());
        }
        for (int i = 0; i < actual.size(); i++) {
            LayerLayout.Layer m = layout.layer(i);
            LayerLayout.Layer t = actual.layer(i);
            if (!m.equals(t)) {
                throw new UserInputException(file + ": layer " + i + " is listed as heads/kv_heads/mlp_width "
                        + m.heads() + "/" + m.kvHeads() + "/" + m.mlpWidth() + " but its tensors have "
                        + t.heads() + "/" + t.kvHeads() + "/" + t.mlpWidth());
            }
        }
    }

    public static boolean existsIn(Path folder) {
        return Files.isRegularFile(folder.resolve(FILE));
    }
}

package dev.rankadaptor.recover;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rankadaptor.checkpoint.LayerLayout;
import dev.rankadaptor.checkpoint.LlamaConfig;
import dev.rankadaptor.checkpoint.SafetensorsFile;
import dev.rankadaptor.common.Json;
import dev.rankadaptor.common.UserInputException;
import dev.rankadaptor.model.LlamaModel;
import dev.rankadaptor.model.LlamaModels;
import dev.rankadaptor.model.Projection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PEFT LoRA adapter folder read back into plain LoRA factors (what {@link PeftExporter} writes):
 * every lora_A / lora_B pair with its rank from the tensors, checked against {@code r} /
 * {@code rank_pattern}, and its scale from {@code lora_alpha} / {@code alpha_pattern} as PEFT
 * computes it (alpha / r, or alpha / sqrt(r) with {@code use_rslora}). Lets an exported adapter
 * be merged into, padded with, or re-applied to a model, with errors naming the file and field.
 *
 * @param config the adapter_config.json as read, kept so that re-written adapters carry it unchanged
 */
public record PeftAdapterFolder(Path folder, ObjectNode config, List<LoraModuleWeights> modules) {
    private static final Pattern TENSOR = Pattern.compile(
            "^base_model\\.model\\.(model\\.layers\\.(\\d+)\\.(self_attn|mlp)\\.(\\w+))\\.lora_([AB])\\.weight$");

    public PeftAdapterFolder {
        modules = Collections.unmodifiableList(new ArrayList<>(modules));
    }

    /** Reads and validates {@code folder}; every problem is a {@link UserInputException} naming the file. */
    public static PeftAdapterFolder read(Path folder) {
        ObjectNode config = readConfig(folder);
        Path configFile = folder.resolve(PeftExporter.CONFIG_FILE);
        Path weightsFile = folder.resolve(PeftExporter.WEIGHTS_FILE);
        String type = config.path("peft_type").asText("LORA");
        if (!type.equals("LORA")) {
            throw new UserInputException(configFile + ": peft_type is " + type + "; only LORA adapters can be read");
        }
        for (String unsupported : List.of("use_dora", "fan_in_fan_out")) {
            if (config.path(unsupported).asBoolean(false)) {
                throw new UserInputException(configFile + ": " + unsupported + " = true is not supported");
            }
        }
        int r = positiveInt(configFile, "r", config.get("r"));
        double alpha = config.has("lora_alpha") ? number(configFile, "lora_alpha", config.get("lora_alpha")) : 8.0;
        boolean rslora = config.path("use_rslora").asBoolean(false);
        JsonNode ranks = pattern(configFile, config, "rank_pattern");
        JsonNode alphas = pattern(configFile, config, "alpha_pattern");
        if (!Files.isRegularFile(weightsFile)) {
            throw new UserInputException(weightsFile + " is missing: the adapter has a config but no weights");
        }
        List<LoraModuleWeights> modules = new ArrayList<>();
        try (SafetensorsFile f = SafetensorsFile.open(weightsFile)) {
            Map<String, Matcher> stems = new TreeMap<>();
            for (String name : f.names()) {
                Matcher m = TENSOR.matcher(name);
                if (!m.matches()) {
                    throw new UserInputException(weightsFile + ": tensor " + name + " is not a LoRA factor of a LLaMA "
                            + "projection (expected base_model.model.model.layers.N.<self_attn|mlp>.<proj>.lora_A/B.weight)");
                }
                stems.putIfAbsent(m.group(1), m);
            }
            if (stems.isEmpty()) {
                throw new UserInputException(weightsFile + ": holds no lora_A / lora_B tensors");
            }
            for (Map.Entry<String, Matcher> e : stems.entrySet()) {
                modules.add(module(weightsFile, configFile, f, e.getKey(), e.getValue(), r, alpha, rslora, ranks, alphas));
            }
        }
        modules.sort(java.util.Comparator.comparingInt(LoraModuleWeights::layer)
                .thenComparing(LoraModuleWeights::projection));
        return new PeftAdapterFolder(folder, config, modules);
    }

    /**
     * The adapter_config.json of an adapter folder as a JSON object; a missing folder or file, or
     * a file that is not a JSON object, is a {@link UserInputException} naming it.
     */
    public static ObjectNode readConfig(Path folder) {
        if (folder == null || !Files.isDirectory(folder)) {
            throw new UserInputException("adapter folder " + folder + " does not exist or is not a folder");
        }
        Path configFile = folder.resolve(PeftExporter.CONFIG_FILE);
        if (!Files.isRegularFile(configFile)) {
            throw new UserInputException(configFile + " is missing: not a PEFT adapter folder");
        }
        JsonNode root;
        try {
            root = Json.mapper().readTree(configFile.toFile());
        } catch (IOException e) {
            String m = String.valueOf(e.getMessage());
            throw new UserInputException(configFile + ": not valid JSON: " + (m.contains("\n") ? m.substring(0, m.indexOf('\n')) : m), e);
        }
        if (!(root instanceof ObjectNode config)) {
            throw new UserInputException(configFile + ": must be a JSON object");
        }
        return config;
    }

    private static LoraModuleWeights module(Path weightsFile, Path configFile, SafetensorsFile f, String module,
                                            Matcher m, int r, double alpha, boolean rslora, JsonNode ranks,
                                            JsonNode alphas) {
        Projection p;
        try {
            p = Projection.parse(m.group(4));
        } catch (RuntimeException e) {
            throw new UserInputException(weightsFile + ": " + module + " is not a LLaMA projection (" + e.getMessage() + ")");
        }
        int layer = Integer.parseInt(m.group(2));
        if (!p.moduleName(layer).equals(module)) {
            throw new UserInputException(weightsFile + ": " + module + " is not where LLaMA has " + p.shortName()
                    + " (expected " + p.moduleName(layer) + ")");
        }
        String prefix = PeftExporter.tensorPrefix(module);
        if (!f.contains(prefix + ".lora_A.weight") || !f.contains(prefix + ".lora_B.weight")) {
            throw new UserInputException(weightsFile + ": " + module + " needs both lora_A and lora_B, one is missing");
        }
        long[] sa = f.shape(prefix + ".lora_A.weight");
        long[] sb = f.shape(prefix + ".lora_B.weight");
        if (sa.length != 2 || sb.length != 2 || sa[0] != sb[1] || sa[0] < 1) {
            throw new UserInputException(weightsFile + ": " + module + " has lora_A " + Arrays.toString(sa) + " and lora_B "
                    + Arrays.toString(sb) + ": expected [r, in] and [out, r] with the same r");
        }
        int rank = (int) sa[0];
        JsonNode explicitRank = lookup(ranks, module);
        int expected = explicitRank == null ? r : positiveInt(configFile, "rank_pattern." + module, explicitRank);
        if (rank != expected) {
            throw new UserInputException(weightsFile + ": " + module + " has rank " + rank
                    + " but " + configFile.getFileName() + " gives it rank " + expected);
        }
        JsonNode explicitAlpha = lookup(alphas, module);
        double a = explicitAlpha == null ? alpha : number(configFile, "alpha_pattern." + module, explicitAlpha);
        double scale = rslora ? a / Math.sqrt(rank) : a / rank;
        return new LoraModuleWeights(layer, p, rank, (int) sa[1], (int) sb[0], f.readFloats(prefix + ".lora_A.weight"),
                f.readFloats(prefix + ".lora_B.weight"), scale);
    }

    /** A pattern entry for a module: its full name, or a key the name ends with (PEFT's suffix match). */
    private static JsonNode lookup(JsonNode pattern, String module) {
        if (pattern == null) {
            return null;
        }
        JsonNode exact = pattern.get(module);
        if (exact != null) {
            return exact;
        }
        var it = pattern.fields();
        while (it.hasNext()) {
            var e = it.next();
            if (module.endsWith("." + e.getKey())) {
                return e.getValue();
            }
        }
        return null;
    }

    private static JsonNode pattern(Path file, ObjectNode config, String field) {
        JsonNode n = config.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isObject()) {
            throw new UserInputException(file + ": field " + field + " must be an object of module name -> value");
        }
        return n;
    }

    private static int positiveInt(Path file, String field, JsonNode n) {
        if (n == null || !n.isIntegralNumber() || !n.canConvertToInt() || n.asInt() < 1) {
            throw new UserInputException(file + ": field " + field + " must be a positive integer");
        }
        return n.asInt();
    }

    private static double number(Path file, String field, JsonNode n) {
        if (n == null || !n.isNumber() || !(n.asDouble() > 0)) {
            throw new UserInputException(file + ": field " + field + " must be a positive number");
        }
        return n.asDouble();
    }

    /**
     * Refuses an adapter that does not belong to a model of these widths, naming the module and
     * the expected and actual shapes (e.g. an adapter trained on another pruned model).
     */
    public void checkFits(LlamaConfig config, LayerLayout layout, String model) {
        for (LoraModuleWeights m : modules) {
            if (m.layer() >= layout.size()) {
                throw new UserInputException("adapter " + folder + " has " + m.moduleName() + " but " + model + " has only "
                        + layout.size() + " layers: the adapter belongs to another model");
            }
            long[] w = LlamaModels.expectedShape(m.projection(), layout.layer(m.layer()), config.hiddenSize(), config.headDim());
            if (w[0] != m.out() || w[1] != m.in()) {
                throw new UserInputException("adapter " + folder + ": " + m.moduleName() + " adapts a [" + m.out() + ", "
                        + m.in() + "] weight but in " + model + " that weight is " + Arrays.toString(w)
                        + ": the adapter belongs to another model (or another pruning of it)");
            }
        }
    }

    /**
     * Puts the adapter on {@code model} (with the LoRA code training uses, dropout off); closing the
     * result takes it off again and frees its arrays.
     */
    public AutoCloseable attach(LlamaModel model) {
        checkFits(model.config(), model.layout(), "the model");
        NDManager manager = model.manager().newSubManager();
        List<LoraModuleWeights> on = new ArrayList<>();
        for (LoraModuleWeights m : modules) {
            NDArray a = manager.create(m.a(), new Shape(m.rank(), m.in()));
            NDArray b = manager.create(m.b(), new Shape(m.out(), m.rank()));
            model.setAdapter(m.layer(), m.projection(), new LoraAdapter(a, b, m.scale(), 0.0, model.dtype()));
            on.add(m);
        }
        return () -> {
            for (LoraModuleWeights m : on) {
                model.setAdapter(m.layer(), m.projection(), null);
            }
            manager.close();
        };
    }
}

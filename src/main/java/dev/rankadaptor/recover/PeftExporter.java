package dev.rankadaptor.recover;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rankadaptor.checkpoint.SafetensorsDtype;
import dev.rankadaptor.checkpoint.SafetensorsWriter;
import dev.rankadaptor.common.AtomicFiles;
import dev.rankadaptor.common.Json;
import dev.rankadaptor.common.UserInputException;
import dev.rankadaptor.model.Projection;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes trained adapters as a Hugging Face PEFT LoRA adapter folder that Python PEFT can load:
 * adapter_config.json (r = the most common rank, lora_alpha, rank_pattern / alpha_pattern keyed by
 * full module names for modules that differ) and adapter_model.safetensors with PEFT's key names
 * base_model.model.&lt;module&gt;.lora_A.weight [r, in] / lora_B.weight [out, r] in F32.
 * Every module's alpha is written as scale * r, so PEFT's alpha / r reproduces our scale for any
 * alpha rule (and for AdaLoRA's reduced form).
 */
public final class PeftExporter {
    public static final String CONFIG_FILE = "adapter_config.json";
    public static final String WEIGHTS_FILE = "adapter_model.safetensors";

    private PeftExporter() {
    }

    public static void export(AdapterSet adapters, double dropout, String baseModelNameOrPath, Path folder) {
        export(adapters.loraEquivalent(), adapters.layerRanks().length, dropout, baseModelNameOrPath, folder);
    }

    /** @param numLayers decoder layers of the base model (decides whether short target names are exact) */
    public static void export(List<LoraModuleWeights> modules, int numLayers, double dropout, String baseModelNameOrPath,
                              Path folder) {
        if (modules.isEmpty()) {
            throw new UserInputException("nothing to export to " + folder + ": no module has a rank > 0");
        }
        ObjectNode config = config(modules, numLayers, dropout, baseModelNameOrPath);
        write(modules, config, folder);
    }

    /** Writes the modules' lora_A / lora_B under PEFT's names (F32) and {@code config} as adapter_config.json. */
    static void write(List<LoraModuleWeights> modules, ObjectNode config, Path folder) {
        SafetensorsWriter w = new SafetensorsWriter().metadata("format", "pt");
        for (LoraModuleWeights m : modules) {
            String prefix = tensorPrefix(m.moduleName());
            w.addFloats(prefix + ".lora_A.weight", new long[]{m.rank(), m.in()}, m.a(), SafetensorsDtype.F32);
            w.addFloats(prefix + ".lora_B.weight", new long[]{m.out(), m.rank()}, m.b(), SafetensorsDtype.F32);
        }
        w.write(folder.resolve(WEIGHTS_FILE));
        AtomicFiles.writeString(folder.resolve(CONFIG_FILE), config.toPrettyString() + "\n");
    }

    /** PEFT's state-dict prefix of a module: base_model.model.model.layers.N.self_attn.q_proj. */
    public static String tensorPrefix(String moduleName) {
        return "base_model.model." + moduleName;
    }

    static ObjectNode config(List<LoraModuleWeights> modules, int numLayers, double dropout, String base) {
        int defaultRank = mostCommon(modules.stream().map(LoraModuleWeights::rank).toList());
        double defaultAlpha = mostCommon(modules.stream().map(PeftExporter::alphaOf).toList());
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("peft_type", "LORA");
        root.put("task_type", "CAUSAL_LM");
        root.put("base_model_name_or_path", base);
        root.put("r", defaultRank);
        putNumber(root, "lora_alpha", defaultAlpha);
        root.put("lora_dropout", dropout);
        root.put("bias", "none");
        root.put("fan_in_fan_out", false);
        root.put("inference_mode", true);
        root.put("init_lora_weights", true);
        root.putNull("modules_to_save");
        root.putNull("layers_to_transform");
        root.putNull("layers_pattern");
        root.putNull("revision");
        ArrayNode targets = root.putArray("target_modules");
        targetModules(modules, numLayers).forEach(targets::add);
        ObjectNode ranks = root.putObject("rank_pattern");
        ObjectNode alphas = root.putObject("alpha_pattern");
        for (LoraModuleWeights m : modules) {
            if (m.rank() != defaultRank) {
                ranks.put(m.moduleName(), m.rank());
            }
            double a = alphaOf(m);
            if (!sameAlpha(a, defaultAlpha)) {
                putNumber(alphas, m.moduleName(), a);
            }
        }
        return root;
    }

    /**
     * Short names (q_proj, ...) when every layer of the model carries exactly the same projections,
     * else the full module names (PEFT matches target names as module-name suffixes, so a short
     * name would also put adapters on layers that have none).
     */
    static List<String> targetModules(List<LoraModuleWeights> modules, int numLayers) {
        Set<Projection> projections = EnumSet.noneOf(Projection.class);
        Set<String> present = new LinkedHashSet<>();
        for (LoraModuleWeights m : modules) {
            projections.add(m.projection());
            present.add(m.moduleName());
        }
        boolean full = present.size() == projections.size() * numLayers;
        List<String> out = new ArrayList<>();
        if (full) {
            projections.forEach(p -> out.add(p.shortName()));
        } else {
            out.addAll(present);
        }
        return out;
    }

    /** The alpha that makes PEFT's alpha / r equal our scale. */
    static double alphaOf(LoraModuleWeights m) {
        return m.scale() * m.rank();
    }

    private static boolean sameAlpha(double a, double b) {
        return Math.abs(a - b) <= 1e-9 * Math.max(1.0, Math.abs(b));
    }

    private static <T extends Comparable<T>> T mostCommon(List<T> values) {
        Map<T, Integer> counts = new HashMap<>();
        for (T v : values) {
            counts.merge(v, 1, Integer::sum);
        }
        T best = null;
        int bestCount = -1;
        for (Map.Entry<T, Integer> e : counts.entrySet()) {
            if (e.getValue() > bestCount || (e.getValue() == bestCount && e.getKey().compareTo(best) < 0)) {
                best = e.getKey();
                bestCount = e.getValue();
            }
        }
        return best;
    }

    private static void putNumber(ObjectNode node, String field, double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            node.put(field, (long) v);
        } else {
            node.put(field, v);
        }
    }
}

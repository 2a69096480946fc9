package dev.rankadaptor.recover;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rankadaptor.checkpoint.SafetensorsFile;
import dev.rankadaptor.checkpoint.TensorInfo;
import dev.rankadaptor.common.UserInputException;
import dev.rankadaptor.recover.PeftAdapterFolder;
import dev.rankadaptor.recover.PeftExporter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks that a folder is a loadable PEFT LoRA adapter before anyone copies or ships it: the config
 * parses and has {@code r} and {@code target_modules} (and a well-formed {@code rank_pattern}), the
 * weights file exists and its safetensors header parses with the checkpoint reader, every
 * {@code lora_A} has its {@code lora_B}, and each pair's rank is the one the config gives that
 * module. Finds problems in seconds that PEFT would report only after loading the base model.
 */
public final class AdapterCheck {
    private static final String PREFIX = "base_model.model.";
    private static final String A = ".lora_A.weight";
    private static final String B = ".lora_B.weight";

    private AdapterCheck() {
    }

    /**
     * What a valid adapter folder holds.
     *
     * @param rank         the config's default rank {@code r}
     * @param modules      adapted modules (lora_A/lora_B pairs)
     * @param targets      the config's target_modules
     * @param weightsBytes size of the weights file
     */
    public record Summary(Path folder, int rank, int modules, List<String> targets, long weightsBytes) {
        public Summary {
            targets = List.copyOf(targets);
        }
    }

    /** Validates {@code folder}; throws {@link UserInputException} naming the file and what is wrong. */
    public static Summary check(Path folder) {
        JsonNode config = PeftAdapterFolder.readConfig(folder);
        Path configFile = folder.resolve(PeftExporter.CONFIG_FILE);
        Path weightsFile = folder.resolve(PeftExporter.WEIGHTS_FILE);
        JsonNode r = config.get("r");
        if (r == null || !r.canConvertToInt() || !r.isIntegralNumber() || r.asInt() < 1) {
            throw new UserInputException(configFile + ": field r must be a positive integer (the LoRA rank)");
        }
        List<String> targets = targets(configFile, config.get("target_modules"));
        JsonNode pattern = config.get("rank_pattern");
        if (pattern != null && !pattern.isNull() && !pattern.isObject()) {
            throw new UserInputException(configFile + ": field rank_pattern must be an object of module name -> rank");
        }
        if (pattern != null && pattern.isObject()) {
            pattern.fields().forEachRemaining(e -> {
                if (!e.getValue().isIntegralNumber() || e.getValue().asInt() < 1) {
                    throw new UserInputException(configFile + ": rank_pattern." + e.getKey() + " must be a positive integer");
                }
            });
        }
        if (!Files.isRegularFile(weightsFile)) {
            throw new UserInputException(weightsFile + " is missing: the adapter has a config but no weights");
        }
        int modules;
        long bytes;
        try (SafetensorsFile f = SafetensorsFile.open(weightsFile)) {
            modules = checkTensors(weightsFile, f, r.asInt(), pattern);
            bytes = Files.size(weightsFile);
        } catch (IOException e) {
            throw new UserInputException("cannot read " + weightsFile + ": " + e.getMessage(), e);
        }
        return new Summary(folder, r.asInt(), modules, targets, bytes);
    }

    private static List<String> targets(Path configFile, JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node != null && node.isTextual() && !node.asText().isBlank()) {
            out.add(node.asText()); // PEFT also accepts one regular expression
        } else if (node != null && node.isArray()) {
            node.forEach(t -> out.add(t.asText()));
        }
        if (out.isEmpty() || out.stream().anyMatch(String::isBlank)) {
            throw new UserInputException(configFile + ": field target_modules must be a non-empty list of module names");
        }
        return out;
    }

    /** Pairs lora_A/lora_B per module and checks their shapes against the config's ranks. */
    private static int checkTensors(Path file, SafetensorsFile f, int defaultRank, JsonNode pattern) {
        Set<String> names = f.names();
        if (names.isEmpty()) {
            throw new UserInputException(file + ": holds no tensors");
        }
        Set<String> seenModules = new HashSet<>();
        for (String name : names) {
            if (!name.endsWith(A) && !name.endsWith(B)) {
                continue;
            }
            String stem = name.substring(0, name.length() - A.length());
            if (!seenModules.add(stem)) {
                continue;
            }
            TensorInfo a = f.contains(stem + A) ? f.info(stem + A) : null;
            TensorInfo b = f.contains(stem + B) ? f.info(stem + B) : null;
            if (a == null || b == null) {
                throw new UserInputException(file + ": " + stem + " has " + (a == null ? "lora_B but no lora_A" : "lora_A but no lora_B"));
            }
            long[] sa = a.shape();
            long[] sb = b.shape();
            if (sa.length != 2 || sb.length != 2 || sa[0] != sb[1]) {
                throw new UserInputException(file + ": " + stem + " has lora_A " + a.shapeText() + " and lora_B " + b.shapeText()
                        + ": expected [r, in] and [out, r] with the same r");
            }
            String module = stem.startsWith(PREFIX) ? stem.substring(PREFIX.length()) : stem;
            JsonNode explicit = pattern != null && pattern.isObject() ? pattern.get(module) : null;
            int expected = explicit != null ? explicit.asInt() : defaultRank;
            if (sa[0] != expected) {
                throw new UserInputException(file + ": " + stem + " has rank " + sa[0] + " but the config gives it rank " + expected);
            }
        }
        if (seenModules.isEmpty()) {
            throw new UserInputException(file + ": holds no lora_A / lora_B tensors: not a LoRA adapter");
        }
        return seenModules.size();
    }
}

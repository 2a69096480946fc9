package dev.rankadaptor.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rankadaptor.common.InvalidFieldException;
import dev.rankadaptor.common.Json;
import dev.rankadaptor.common.UserInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a Hugging Face config.json of the LLaMA family into {@link LlamaConfig}. Optional fields get
 * the defaults of the reference implementation (LlamaConfig in transformers), so LLaMA-1 copies,
 * LLaMA-2/3, Vicuna and TinyLlama-style GQA configs all load; other architectures are refused with a
 * message naming what was found, since their tensors would not fit the LLaMA forward pass.
 */
public final class LlamaConfigReader {
    private LlamaConfigReader() {
    }

    public static LlamaConfig read(Path file) {
        return parse(readTree(file), file.toString());
    }

    /** The file's JSON, for callers that complete it before {@link #parse} (a missing vocab_size). */
    public static JsonNode readTree(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserInputException("config file " + file + " does not exist");
        }
        try {
            return Json.mapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UserInputException(file + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** True when vocab_size is absent or not positive (Meta's params.json style -1): the embedding knows it. */
    public static boolean lacksVocabSize(JsonNode root) {
        JsonNode v = root == null ? null : root.get("vocab_size");
        return root != null && root.isObject() && (v == null || v.isNull() || (v.isIntegralNumber() && v.asLong() <= 0));
    }

    /** Parses an already-read config; {@code source} names the file in messages. */
    public static LlamaConfig parse(JsonNode root, String source) {
        if (root == null || !root.isObject()) {
            throw new UserInputException(source + ": expected a JSON object");
        }
        checkArchitecture(root, source);
        checkUnsupportedVariants(root, source);
        int hidden = requiredInt(root, "hidden_size", source);
        int heads = requiredInt(root, "num_attention_heads", source);
        int headDimDefault = heads > 0 && hidden % heads == 0 ? hidden / heads : -1;
        if (!root.hasNonNull("head_dim") && headDimDefault < 0) {
            throw new UserInputException(source + ": hidden_size " + hidden + " is not divisible by num_attention_heads "
                    + heads + " and no head_dim is given");
        }
        try {
            return new LlamaConfig(
                    hidden,
                    requiredInt(root, "intermediate_size", source),
                    heads,
                    optionalInt(root, "num_key_value_heads", heads, source),
                    requiredInt(root, "num_hidden_layers", source),
                    requiredInt(root, "vocab_size", source),
                    optionalInt(root, "head_dim", headDimDefault, source),
                    optionalDouble(root, "rms_norm_eps", 1e-6, source),
                    optionalDouble(root, "rope_theta", 10000.0, source),
                    optionalBoolean(root, "tie_word_embeddings", false, source),
                    // LLaMA-1 conversions (transformers before 4.28) call it max_sequence_length
                    optionalInt(root, "max_position_embeddings",
                            optionalInt(root, "max_sequence_length", 2048, source), source),
                    optionalInt(root, "bos_token_id", 1, source),
                    optionalInt(root, "eos_token_id", 2, source),
                    optionalString(root, "torch_dtype", "float32", source));
        } catch (InvalidFieldException e) {
            throw new UserInputException(source + ": " + e.getMessage(), e);
        }
    }

    private static void checkArchitecture(JsonNode root, String source) {
        JsonNode type = root.get("model_type");
        JsonNode arch = root.get("architectures");
        boolean llamaArch = false;
        if (arch != null && arch.isArray()) {
            for (JsonNode a : arch) {
                if ("LlamaForCausalLM".equals(a.asText()) || "LLaMAForCausalLM".equals(a.asText())) {
                    llamaArch = true;
                }
            }
        }
        boolean llamaType = type != null && type.isTextual() && type.asText().equalsIgnoreCase("llama");
        if (llamaType || llamaArch) {
            return;
        }
        if (type == null && arch == null) {
            throw new UserInputException(source + ": neither model_type nor architectures is given; "
                    + "expected model_type \"llama\" or architectures containing LlamaForCausalLM");
        }
        throw new UserInputException(source + ": unsupported architecture (model_type "
                + (type == null ? "absent" : type.toString()) + ", architectures " + (arch == null ? "absent" : arch.toString())
                + "); only LLaMA-family models (model_type \"llama\", LlamaForCausalLM) are supported");
    }

    /**
     * Variants whose tensors still look like LLaMA but whose forward pass differs: computing them
     * with the plain LLaMA equations would give silently wrong outputs, so they are refused.
     */
    private static void checkUnsupportedVariants(JsonNode root, String source) {
        JsonNode scaling = root.get("rope_scaling");
        if (scaling != null && !scaling.isNull()) {
            throw new UserInputException(source + ": rope_scaling " + scaling + " is not supported "
                    + "(only plain RoPE with rope_theta; LLaMA-1/2, Vicuna, TinyLlama have rope_scaling null)");
        }
        for (String bias : new String[]{"attention_bias", "mlp_bias"}) {
            JsonNode b = root.get(bias);
            if (b != null && b.asBoolean(false)) {
                throw new UserInputException(source + ": " + bias + " = true is not supported (LLaMA projections have no bias)");
            }
        }
        JsonNode act = root.get("hidden_act");
        if (act != null && !act.isNull() && !"silu".equals(act.asText())) {
            throw new UserInputException(source + ": hidden_act " + act + " is not supported (LLaMA uses \"silu\")");
        }
    }

    private static int requiredInt(JsonNode root, String field, String source) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            throw new UserInputException(source + ": required field \"" + field + "\" is missing");
        }
        return toInt(n, field, source);
    }

    private static int optionalInt(JsonNode root, String field, int fallback, String source) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (n.isArray() && n.size() > 0 && field.endsWith("_token_id")) {
            return toInt(n.get(0), field, source); // LLaMA-3 lists several eos ids: the first is the primary
        }
        return toInt(n, field, source);
    }

    private static int toInt(JsonNode n, String field, String source) {
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw new UserInputException(source + ": field \"" + field + "\" must be an integer, was " + n);
        }
        return n.asInt();
    }

    private static double optionalDouble(JsonNode root, String field, double fallback, String source) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isNumber()) {
            throw new UserInputException(source + ": field \"" + field + "\" must be a number, was " + n);
        }
        return n.asDouble();
    }

    private static boolean optionalBoolean(JsonNode root, String field, boolean fallback, String source) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isBoolean()) {
            throw new UserInputException(source + ": field \"" + field + "\" must be true or false, was " + n);
        }
        return n.asBoolean();
    }

    private static String optionalString(JsonNode root, String field, String fallback, String source) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isTextual()) {
            throw new UserInputException(source + ": field \"" + field + "\" must be a string, was " + n);
        }
        return n.asText();
    }
}

package dev.rankadaptor.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.rankadaptor.common.AtomicFiles;
import dev.rankadaptor.common.Json;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link BpeModel} as the Hugging Face files: tokenizer.json (BPE model, ByteLevel
 * pre-tokenizer and decoder without prefix space, a template that adds {@code <s>} when special
 * tokens are requested, like LLaMA), tokenizer_config.json and special_tokens_map.json.
 */
public final class TokenizerFiles {
    private TokenizerFiles() {
    }

    public static void write(BpeModel model, Path dir) {
        AtomicFiles.writeString(dir.resolve("tokenizer.json"), json(tokenizerJson(model)));
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("tokenizer_class", "PreTrainedTokenizerFast");
        config.put("bos_token", "<s>");
        config.put("eos_token", "</s>");
        config.put("unk_token", "<unk>");
        config.put("add_bos_token", true);
        config.put("add_eos_token", false);
        config.put("model_max_length", 2048);
        config.put("clean_up_tokenization_spaces", false);
        AtomicFiles.writeString(dir.resolve("tokenizer_config.json"), json(config));
        Map<String, Object> special = new LinkedHashMap<>();
        special.put("bos_token", "<s>");
        special.put("eos_token", "</s>");
        special.put("unk_token", "<unk>");
        AtomicFiles.writeString(dir.resolve("special_tokens_map.json"), json(special));
    }

    /** Reads back a byte-level BPE tokenizer.json (as written here) into a model for {@link BpeTokenizer}. */
    public static BpeModel read(Path tokenizerJson) {
        com.fasterxml.jackson.databind.JsonNode root;
        try {
            root = Json.mapper().readTree(tokenizerJson.toFile());
        } catch (java.io.IOException e) {
            throw new dev.rankadaptor.common.UserInputException(tokenizerJson + ": not readable JSON (" + e.getMessage() + ")", e);
        }
        com.fasterxml.jackson.databind.JsonNode model = root.path("model");
        if (!"BPE".equals(model.path("type").asText()) || !model.path("vocab").isObject() || !model.path("merges").isArray()) {
            throw new dev.rankadaptor.common.UserInputException(tokenizerJson + ": expected a BPE model with vocab and merges");
        }
        String[] tokens = new String[model.get("vocab").size()];
        model.get("vocab").fields().forEachRemaining(e -> {
            int id = e.getValue().asInt(-1);
            if (id < 0 || id >= tokens.length || tokens[id] != null) {
                throw new dev.rankadaptor.common.UserInputException(tokenizerJson + ": vocab id " + id + " of '" + e.getKey()
                        + "' is out of range or repeated");
            }
            tokens[id] = e.getKey();
        });
        List<String[]> merges = new ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode m : model.get("merges")) {
            String[] pair = m.isArray() ? new String[] {m.get(0).asText(), m.get(1).asText()} : m.asText().split(" ", 2);
            if (pair.length != 2) {
                throw new dev.rankadaptor.common.UserInputException(tokenizerJson + ": merge '" + m.asText() + "' is not a pair");
            }
            merges.add(pair);
        }
        List<String> specials = new ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode t : root.path("added_tokens")) {
            specials.add(t.path("content").asText());
        }
        return new BpeModel(List.of(tokens), merges, specials);
    }

    static Map<String, Object> tokenizerJson(BpeModel model) {
        List<Object> added = new ArrayList<>();
        for (int i = 0; i < model.specialTokens().size(); i++) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("id", i);
            t.put("content", model.specialTokens().get(i));
            t.put("single_word", false);
            t.put("lstrip", false);
            t.put("rstrip", false);
            t.put("normalized", false);
            t.put("special", true);
            added.add(t);
        }
        Map<String, Object> vocab = new LinkedHashMap<>();
        for (int i = 0; i < model.tokens().size(); i++) {
            vocab.put(model.tokens().get(i), i);
        }
        List<String> merges = new ArrayList<>();
        for (String[] m : model.merges()) {
            merges.add(m[0] + " " + m[1]);
        }
        Map<String, Object> bpe = new LinkedHashMap<>();
        bpe.put("type", "BPE");
        bpe.put("dropout", null);
        bpe.put("unk_token", null);
        bpe.put("continuing_subword_prefix", null);
        bpe.put("end_of_word_suffix", null);
        bpe.put("fuse_unk", false);
        bpe.put("byte_fallback", false);
        bpe.put("vocab", vocab);
        bpe.put("merges", merges);

        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", "1.0");
        root.put("truncation", null);
        root.put("padding", null);
        root.put("added_tokens", added);
        root.put("normalizer", null);
        root.put("pre_tokenizer", byteLevel());
        root.put("post_processor", bosTemplate());
        root.put("decoder", byteLevel());
        root.put("model", bpe);
        return root;
    }

    private static Map<String, Object> byteLevel() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "ByteLevel");
        m.put("add_prefix_space", false);
        m.put("trim_offsets", true);
        m.put("use_regex", true);
        return m;
    }

    private static Map<String, Object> bosTemplate() {
        Map<String, Object> bos = obj("SpecialToken", obj("id", "<s>", "type_id", 0));
        Map<String, Object> seqA = obj("Sequence", obj("id", "A", "type_id", 0));
        Map<String, Object> bos1 = obj("SpecialToken", obj("id", "<s>", "type_id", 1));
        Map<String, Object> seqB = obj("Sequence", obj("id", "B", "type_id", 1));
        return obj("type", "TemplateProcessing", "single", List.of(bos, seqA), "pair", List.of(bos, seqA, bos1, seqB),
                "special_tokens", obj("<s>", obj("id", "<s>", "ids", List.of(1), "tokens", List.of("<s>"))));
    }

    /** An insertion-ordered JSON object (Map.of would order keys differently per JVM run). */
    private static Map<String, Object> obj(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    private static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

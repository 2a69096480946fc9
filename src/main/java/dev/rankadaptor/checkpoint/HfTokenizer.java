package dev.rankadaptor.checkpoint;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rankadaptor.common.Json;
import dev.rankadaptor.common.UserInputException;
import dev.rankadaptor.compute.Engines;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A tokenizer.json (Hugging Face tokenizers) through DJL's binding, loaded from a local file only.
 * DJL's defaults add special tokens and truncate at 512 tokens; evaluation scores exact
 * spans, so special tokens, truncation and padding are all switched off explicitly. The JSON is also
 * parsed here to know the vocabulary size and the bos/eos ids, which the binding does not expose.
 */
public final class HfTokenizer implements TextTokenizer {
    /** Effectively unlimited: truncation is off, but the binding still wants a max length. */
    static final int MAX_LENGTH = 1 << 24;
    /** Usual names of the beginning / end of sequence tokens when tokenizer_config.json names none. */
    static final String[] BOS_NAMES = {"<s>", "<|begin_of_text|>", "<bos>"};
    static final String[] EOS_NAMES = {"</s>", "<|end_of_text|>", "<|endoftext|>", "<eos>"};

    private final HuggingFaceTokenizer tokenizer;
    private final int vocabSize;
    private final OptionalInt bos;
    private final OptionalInt eos;

    private HfTokenizer(HuggingFaceTokenizer tokenizer, int vocabSize, OptionalInt bos, OptionalInt eos) {
        this.tokenizer = tokenizer;
        this.vocabSize = vocabSize;
        this.bos = bos;
        this.eos = eos;
    }

    /** Opens tokenizer.json; bos/eos names come from a tokenizer_config.json beside it when present. */
    public static HfTokenizer open(Path tokenizerJson) {
        if (!Files.isRegularFile(tokenizerJson)) {
            throw new UserInputException("tokenizer file " + tokenizerJson + " does not exist");
        }
        JsonNode root;
        try {
            root = Json.mapper().readTree(tokenizerJson.toFile());
        } catch (IOException e) {
            throw new UserInputException(tokenizerJson + " is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject() || !root.path("model").isObject()) {
            throw new UserInputException(tokenizerJson + ": expected a Hugging Face tokenizer.json with a \"model\" object");
        }
        Map<String, Integer> ids = tokenIds(root);
        if (ids.isEmpty()) {
            throw new UserInputException(tokenizerJson + ": the tokenizer has an empty vocabulary");
        }
        int vocab = ids.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        Path config = tokenizerJson.toAbsolutePath().getParent().resolve("tokenizer_config.json");
        OptionalInt bos = special(ids, config, "bos_token", BOS_NAMES);
        OptionalInt eos = special(ids, config, "eos_token", EOS_NAMES);
        Engines.pytorch(); // sets DJL's offline flag and cache folder before the native library loads
        HuggingFaceTokenizer tok;
        try {
            tok = HuggingFaceTokenizer.builder()
                    .optTokenizerPath(tokenizerJson)
                    .optAddSpecialTokens(false)
                    .optTruncation(false)
                    .optPadding(false)
                    .optMaxLength(MAX_LENGTH)
                    .build();
        } catch (IOException | RuntimeException e) {
            throw new UserInputException("cannot load tokenizer " + tokenizerJson + ": " + e.getMessage(), e);
        }
        return new HfTokenizer(tok, vocab, bos, eos);
    }

    /** Token -> id over the model vocabulary (object or Unigram list) and the added tokens. */
    static Map<String, Integer> tokenIds(JsonNode root) {
        Map<String, Integer> ids = new HashMap<>();
        JsonNode vocab = root.path("model").get("vocab");
        if (vocab != null && vocab.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = vocab.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                ids.put(e.getKey(), e.getValue().asInt());
            }
        } else if (vocab != null && vocab.isArray()) {
            for (int i = 0; i < vocab.size(); i++) {
                JsonNode entry = vocab.get(i);
                ids.put(entry.isArray() ? entry.get(0).asText() : entry.asText(), i);
            }
        }
        for (JsonNode t : root.path("added_tokens")) {
            if (t.hasNonNull("content") && t.hasNonNull("id")) {
                ids.put(t.get("content").asText(), t.get("id").asInt());
            }
        }
        return ids;
    }

    /** The id of the token tokenizer_config.json names under {@code key}, else of the first usual name present. */
    static OptionalInt special(Map<String, Integer> ids, Path config, String key, String... fallbacks) {
        if (Files.isRegularFile(config)) {
            try {
                JsonNode c = Json.mapper().readTree(config.toFile()).get(key);
                String name = c == null ? null : c.isTextual() ? c.asText() : c.path("content").asText(null);
                if (name != null && ids.containsKey(name)) {
                    return OptionalInt.of(ids.get(name));
                }
            } catch (IOException | RuntimeException ignored) {
                // tokenizer_config.json is optional; an unreadable one just means "use the usual names"
            }
        }
        for (String f : fallbacks) {
            if (ids.containsKey(f)) {
                return OptionalInt.of(ids.get(f));
            }
        }
        return OptionalInt.empty();
    }

    @Override
    public int[] encode(String text) {
        long[] ids = tokenizer.encode(text, false, false).getIds();
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = Math.toIntExact(ids[i]);
        }
        return out;
    }

    @Override
    public String decode(int[] ids) {
        long[] l = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            l[i] = ids[i];
        }
        return tokenizer.decode(l, false);
    }

    @Override
    public int vocabSize() {
        return vocabSize;
    }

    @Override
    public OptionalInt bosId() {
        return bos;
    }

    @Override
    public OptionalInt eosId() {
        return eos;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}

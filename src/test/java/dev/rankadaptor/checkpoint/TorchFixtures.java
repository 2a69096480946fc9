package dev.rankadaptor.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** The committed torch.save fixtures (made by tools/make_torch_fixtures.py), copied where a test may change them. */
public final class TorchFixtures {
    public static final String SAFETENSORS = "llama-safetensors";
    public static final String BIN = "llama-bin";
    public static final String SHARDED = "llama-bin-sharded";
    /** Where the malicious fixture's os.system command would create a file if it ever ran. */
    public static final Path MARKER = Path.of("/tmp/rankadaptor-malicious-pickle-ran");

    private TorchFixtures() {
    }

    /** The fixture path under src/test/resources/torch (read it, do not change it). */
    public static Path resource(String relative) {
        URL url = TorchFixtures.class.getResource("/torch/" + relative);
        if (url == null) {
            throw new IllegalStateException("missing test fixture torch/" + relative + ": run tools/make_torch_fixtures.py");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A copy of a fixture folder (or file) under {@code into}. */
    public static Path copy(String relative, Path into) {
        Path src = resource(relative);
        Path dst = into.resolve(src.getFileName().toString());
        try {
            if (Files.isDirectory(src)) {
                Files.createDirectories(dst);
                try (Stream<Path> s = Files.list(src)) {
                    for (Path f : s.toList()) {
                        Files.copy(f, dst.resolve(f.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            } else {
                Files.createDirectories(into);
                Files.copy(src, dst, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dst;
    }

    /** config.json in the form transformers 4.27-dev conversions wrote it (no model_type, max_sequence_length, pad -1). */
    public static final String LLAMA1_CONFIG = "{\"architectures\": [\"LLaMAForCausalLM\"], \"bos_token_id\": 0, \"eos_token_id\": 1,"
            + " \"hidden_act\": \"silu\", \"hidden_size\": 32, \"intermediate_size\": 48, \"initializer_range\": 0.02,"
            + " \"max_sequence_length\": 64, \"num_attention_heads\": 4, \"num_hidden_layers\": 2, \"pad_token_id\": -1,"
            + " \"rms_norm_eps\": 1e-06, \"torch_dtype\": \"float16\", \"transformers_version\": \"4.27.0.dev0\","
            + " \"use_cache\": true, \"vocab_size\": %s}";

    /**
     * A LLaMA-1 style folder under {@code into}: the .bin fixture with an old config.json (bos 0 / eos 1,
     * vocab_size as given), a SentencePiece tokenizer.model (&lt;s&gt; = 1, &lt;/s&gt; = 2) and an LLaMATokenizer config.
     */
    public static Path llama1Folder(Path into, String vocab) {
        Path f = copy(BIN, into);
        try {
            Files.writeString(f.resolve("config.json"), String.format(LLAMA1_CONFIG, vocab));
            Files.write(f.resolve("tokenizer.model"), TokenizersTest.tinySentencePieceModel());
            Files.writeString(f.resolve("tokenizer_config.json"), "{\"bos_token\": \"\", \"eos_token\": \"\","
                    + " \"model_max_length\": 1000000000000000019884624838656, \"tokenizer_class\": \"LLaMATokenizer\","
                    + " \"unk_token\": \"\"}");
            Files.writeString(f.resolve("special_tokens_map.json"), "{}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return f;
    }
}

package dev.rankadaptor.checkpoint;

import dev.rankadaptor.recover.InstructionRecord;
import dev.rankadaptor.recover.RecoveryExamples;
import dev.rankadaptor.train.TokenBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A LLaMA-1 Hugging Face conversion as the paper's checkpoint ships it: pickle weights, architecture
 * LLaMAForCausalLM, tokenizer class LLaMATokenizer with empty special-token names, old config field
 * names, and bos 0 / eos 1 in config.json while the SentencePiece model has &lt;s&gt; = 1, &lt;/s&gt; = 2.
 */
class Llama1FolderTest {
    @TempDir
    Path dir;

    private Path llama1Folder(String vocab) {
        return TorchFixtures.llama1Folder(dir, vocab);
    }

    @Test
    void llama1FolderLoadsWithTheTokenizersBosEosAndOneWarning() throws Exception {
        Path folder = llama1Folder("64");
        List<String> warnings = new ArrayList<>();
        try (Checkpoint c = Checkpoint.open(folder, warnings::add);
             Checkpoint twin = Checkpoint.open(TorchFixtures.resource(TorchFixtures.SAFETENSORS))) {
            assertEquals(1, c.config().bosTokenId());
            assertEquals(2, c.config().eosTokenId());
            assertEquals(64, c.config().maxPositionEmbeddings(), "max_sequence_length is read");
            assertEquals(4, c.config().numKeyValueHeads());
            assertEquals(twin.layout(), c.layout());
            assertEquals(1, warnings.size(), warnings.toString());
            String w = warnings.get(0);
            for (String s : new String[]{folder.resolve("config.json").toString(), "bos_token_id 0", "eos_token_id 1",
                    "tokenizer.model", "bos 1 and eos 2", "using the tokenizer's ids"}) {
                assertTrue(w.contains(s), "expected \"" + s + "\" in: " + w);
            }
            assertEquals(1, c.tokenizer().bosId().orElseThrow());
            assertEquals(2, c.tokenizer().eosId().orElseThrow());
            // every recovery example starts with <s> (1), not <unk> (0), and ends with </s> (2)
            List<TokenBatch.Example> ex = RecoveryExamples.instructions(List.of(new InstructionRecord("hello", "", "world")),
                    c.tokenizer(), c.config().bosTokenId(), c.config().eosTokenId(), 4096, false);
            int[] tokens = ex.get(0).tokens();
            assertEquals(1, tokens[0]);
            assertEquals(2, tokens[tokens.length - 1]);
        }
        assertArrayEquals(TorchCheckpointFolderTest.logits(TorchFixtures.resource(TorchFixtures.SAFETENSORS)),
                TorchCheckpointFolderTest.logits(folder));
    }

    @Test
    void theWarningGoesToStandardErrorOncePerProcess() throws Exception {
        Path folder = llama1Folder("64");
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            for (int i = 0; i < 3; i++) {
                Checkpoint.open(folder).close();
            }
        } finally {
            System.setErr(saved);
        }
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, text.lines().filter(l -> l.startsWith("warning: ") && l.contains("bos_token_id 0")).count(), text);
    }

    @Test
    void aTokenizerJsonIsReconciledTooAndAgreeingFilesSayNothing() throws Exception {
        Path folder = TorchFixtures.copy(TorchFixtures.BIN, dir);
        Files.writeString(folder.resolve("config.json"), String.format(TorchFixtures.LLAMA1_CONFIG, "64"));
        Files.writeString(folder.resolve("tokenizer.json"), "{\"version\": \"1.0\", \"added_tokens\": ["
                + "{\"id\": 0, \"content\": \"<unk>\", \"special\": true}, {\"id\": 1, \"content\": \"<s>\", \"special\": true},"
                + "{\"id\": 2, \"content\": \"</s>\", \"special\": true}], \"normalizer\": null,"
                + " \"pre_tokenizer\": {\"type\": \"Whitespace\"}, \"post_processor\": null, \"decoder\": null,"
                + " \"model\": {\"type\": \"WordLevel\", \"vocab\": {\"<unk>\": 0, \"<s>\": 1, \"</s>\": 2, \"hello\": 3},"
                + " \"unk_token\": \"<unk>\"}}");
        List<String> warnings = new ArrayList<>();
        try (Checkpoint c = Checkpoint.open(folder, warnings::add)) {
            assertEquals(1, c.config().bosTokenId());
            assertEquals(2, c.config().eosTokenId());
            assertTrue(warnings.size() == 1 && warnings.get(0).contains("tokenizer.json"), warnings.toString());
        }
        warnings.clear();
        try (Checkpoint c = Checkpoint.open(TorchFixtures.resource(TorchFixtures.BIN), warnings::add)) {
            assertEquals(1, c.config().bosTokenId()); // no tokenizer: config.json as given
        }
        Files.writeString(folder.resolve("config.json"), String.format(TorchFixtures.LLAMA1_CONFIG, "64")
                .replace("\"bos_token_id\": 0, \"eos_token_id\": 1", "\"bos_token_id\": 1, \"eos_token_id\": 2"));
        try (Checkpoint c = Checkpoint.open(folder, warnings::add)) {
            assertEquals(2, c.config().eosTokenId());
        }
        assertEquals(List.of(), warnings);
    }

    @Test
    void aMissingVocabSizeIsTakenFromTheEmbedding() throws Exception {
        Path folder = llama1Folder("-1");
        List<String> warnings = new ArrayList<>();
        try (Checkpoint c = Checkpoint.open(folder, warnings::add)) {
            assertEquals(64, c.config().vocabSize());
        }
        assertTrue(warnings.stream().anyMatch(w -> w.contains("vocab_size -1") && w.contains("using 64")), warnings.toString());
    }
}

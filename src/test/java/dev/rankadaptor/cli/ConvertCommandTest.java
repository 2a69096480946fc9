package dev.rankadaptor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rankadaptor.checkpoint.Checkpoint;
import dev.rankadaptor.checkpoint.SafetensorsFile;
import dev.rankadaptor.checkpoint.ShardedCheckpoint;
import dev.rankadaptor.checkpoint.TensorFile;
import dev.rankadaptor.checkpoint.TorchFixtures;
import dev.rankadaptor.common.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `convert`: torch.save folders to safetensors, bit for bit, atomically, with the LLaMA-1 config fixed. */
class ConvertCommandTest {
    @TempDir
    Path dir;

    @Test
    void shardedBinBecomesShardedSafetensorsWithTheSameBytes() {
        Path out = dir.resolve("converted");
        CliTest.Result r = CliTest.run("convert", TorchFixtures.resource(TorchFixtures.SHARDED).toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("in 2 safetensors files to " + out), r.out());
        assertTrue(Files.isRegularFile(out.resolve("model-00001-of-00002.safetensors")));
        assertTrue(Files.isRegularFile(out.resolve(ShardedCheckpoint.INDEX_FILE)));
        try (Checkpoint twin = Checkpoint.open(TorchFixtures.resource(TorchFixtures.SAFETENSORS));
             Checkpoint back = Checkpoint.open(out)) {
            assertEquals(twin.config(), back.config());
            assertEquals(twin.layout(), back.layout());
            SafetensorsFile t = (SafetensorsFile) twin.tensors();
            ShardedCheckpoint b = (ShardedCheckpoint) back.tensors();
            assertEquals(t.names(), b.names());
            assertTrue(r.out().startsWith("wrote " + t.names().size() + " tensors"), r.out());
            for (String name : t.names()) {
                assertTrue(b.shardOf(name) instanceof SafetensorsFile, name);
                assertEquals(t.info(name).dtype(), b.info(name).dtype(), name);
                assertEquals(t.rawBytes(name), ((TensorFile) b.shardOf(name)).rawBytes(name), name);
            }
        }
    }

    @Test
    void aLlama1FolderIsConvertedWithTheTokenizersIdsAndOneWarning() throws Exception {
        Path src = TorchFixtures.llama1Folder(dir.resolve("src"), "64");
        Path out = dir.resolve("llama1-st");
        CliTest.Result r = CliTest.run("convert", src.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(1, r.err().lines().filter(l -> l.startsWith("warning: ") && l.contains("bos_token_id 0")).count(), r.err());
        assertTrue(Files.isRegularFile(out.resolve(Checkpoint.SINGLE_FILE)));
        for (String f : new String[]{"tokenizer.model", "tokenizer_config.json", "special_tokens_map.json"}) {
            assertEquals(-1L, Files.mismatch(src.resolve(f), out.resolve(f)), f);
        }
        JsonNode config = Json.mapper().readTree(out.resolve("config.json").toFile());
        assertEquals(1, config.get("bos_token_id").asInt());
        assertEquals(2, config.get("eos_token_id").asInt());
        assertEquals("llama", config.get("model_type").asText());
        assertEquals(64, config.get("max_position_embeddings").asInt());
        assertEquals("LLaMAForCausalLM", config.get("architectures").get(0).asText());
        List<String> warnings = new ArrayList<>();
        try (Checkpoint back = Checkpoint.open(out, warnings::add); Checkpoint bin = Checkpoint.open(src, w -> { })) {
            assertEquals(bin.config(), back.config());
            assertEquals(bin.dtypeSummary(), back.dtypeSummary());
        }
        assertEquals(List.of(), warnings, "the converted folder agrees with its tokenizer");
    }

    @Test
    void badInputIsExitCode2AndLeavesNothingBehind() throws Exception {
        Path out = dir.resolve("o");
        Files.createDirectories(out);
        CliTest.Result r = CliTest.run("convert", TorchFixtures.resource(TorchFixtures.BIN).toString(), "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("already exists"), r.err());

        Path evil = TorchFixtures.copy(TorchFixtures.BIN, dir.resolve("evil"));
        Files.copy(TorchFixtures.resource("broken/malicious.bin"), evil.resolve("pytorch_model.bin"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(TorchFixtures.MARKER);
        Path out2 = dir.resolve("o2");
        r = CliTest.run("convert", evil.toString(), "--out", out2.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: PyTorch checkpoint ") && r.err().contains("posix.system"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        assertTrue(Files.notExists(TorchFixtures.MARKER));
        assertTrue(Files.notExists(out2));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(), s.filter(p -> p.getFileName().toString().startsWith(".o2")).toList(), "temp folders left");
        }
    }
}

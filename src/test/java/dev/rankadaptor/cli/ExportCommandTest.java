package dev.rankadaptor.cli;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.rankadaptor.checkpoint.Checkpoint;
import dev.rankadaptor.checkpoint.LayerLayout;
import dev.rankadaptor.model.LlamaModel;
import dev.rankadaptor.model.LlamaModels;
import dev.rankadaptor.model.ModelStep;
import dev.rankadaptor.recover.ModelExporterTest;
import dev.rankadaptor.recover.PeftAdapterFolder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * `export --format hf` on the block-pruned demo model (layers 1-6 at half their kv heads and MLP
 * width) and a LoRA adapter trained on it by `recover`: the padded folder is a uniform LLaMA for
 * our own config + safetensors reader, with the pruned model's logits, merged or with the padded
 * adapter; bad input exits 2 with a message naming the folder.
 */
class ExportCommandTest {
    private static final String DEMO = "sample-projects/tiny-llama-demo";

    @TempDir
    static Path shared;
    static Path pruned;
    static Path adapter;

    @TempDir
    Path dir;

    @BeforeAll
    static void pruneTheDemoAndTrainAnAdapter() {
        pruned = shared.resolve("pruned");
        adapter = shared.resolve("adapter");
        CliTest.Result p = CliTest.run("prune", DEMO, "--out", pruned.toString(), "--local-ratio", "0.5", "--protect", "0,7",
                "--calibration", DEMO + "/data/calibration.txt", "--samples", "4", "--window", "32");
        assertEquals(0, p.code(), p.err());
        CliTest.Result r = CliTest.run("recover", pruned.toString(), "--data", DEMO + "/data/recovery_alpaca.json",
                "--out", adapter.toString(), "--ranks", "2,4,6,8,8,6,4,2", "--steps", "3");
        assertEquals(0, r.code(), r.err());
    }

    static float[] logits(Path folder, Path peft) throws Exception {
        try (Checkpoint c = Checkpoint.open(folder);
             LlamaModel m = LlamaModels.load(c.config(), c.layout(), c.tensors(), Device.cpu(), DataType.FLOAT32);
             AutoCloseable on = peft == null ? () -> { } : PeftAdapterFolder.read(peft).attach(m);
             ModelStep s = m.newStep()) {
            long[] ids = {1, 87, 412, 9, 1000, 33, 250, 640, 5, 77, 2, 318, 901, 44, 12, 7};
            return m.forward(s.manager().create(ids, new Shape(2, 8)), null, false).toFloatArray();
        }
    }

    @Test
    void hfExportOfTheBlockPrunedDemoIsAUniformLlamaWithTheSameLogits() throws Exception {
        try (Checkpoint c = Checkpoint.open(pruned)) {
            assertTrue(c.isPruned());
            assertEquals(new LayerLayout.Layer(2, 1, 176), c.layout().layer(3));
        }
        Path out = dir.resolve("hf");
        CliTest.Result r = CliTest.run("export", pruned.toString(), "--format", "hf", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("4 heads / 2 kv heads / MLP 352 in every layer"), r.out());
        try (Checkpoint c = Checkpoint.open(out)) {
            assertFalse(c.isPruned());
            assertEquals(LayerLayout.uniform(8, 4, 2, 352), c.layout());
            assertTrue(c.hasTokenizer());
        }
        assertTrue(ModelExporterTest.maxDiff(logits(pruned, null), logits(out, null)) <= 1e-6);

        CliTest.Result again = CliTest.run("export", pruned.toString(), "--out", out.toString());
        assertEquals(2, again.code());
        assertTrue(again.err().contains(out.toString()) && again.err().contains("not empty"), again.err());
    }

    @Test
    void paddedPairAndMergedExportCarryTheAdapter() throws Exception {
        Path base = dir.resolve("base");
        Path padded = dir.resolve("padded-adapter");
        CliTest.Result r = CliTest.run("export", pruned.toString(), "--out", base.toString(), "--adapter", adapter.toString(),
                "--adapter-out", padded.toString());
        assertEquals(0, r.code(), r.err());
        float[] withAdapter = logits(pruned, adapter);
        assertTrue(ModelExporterTest.maxDiff(logits(pruned, null), withAdapter) > 1e-3, "the trained adapter moves the logits");
        assertTrue(ModelExporterTest.maxDiff(withAdapter, logits(base, padded)) <= 1e-6);

        Path merged = dir.resolve("merged");
        r = CliTest.run("export", pruned.toString(), "--out", merged.toString(), "--adapter", adapter.toString(),
                "--max-shard-size", "2MB");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("adapter merged"), r.out());
        assertTrue(Files.isRegularFile(merged.resolve("model.safetensors.index.json")));
        assertTrue(ModelExporterTest.maxDiff(withAdapter, logits(merged, null)) <= 5e-6);
    }

    @Test
    void badInputExitsTwoNamingTheProblem() {
        CliTest.Result missing = CliTest.run("export", "/no/such/checkpoint", "--out", dir.resolve("x").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("/no/such/checkpoint"), missing.err());

        CliTest.Result other = CliTest.run("export", DEMO, "--out", dir.resolve("y").toString(), "--adapter", adapter.toString());
        assertEquals(2, other.code());
        assertTrue(other.err().contains(adapter.toString()) && other.err().contains("another model"), other.err());

        CliTest.Result format = CliTest.run("export", pruned.toString(), "--format", "onnx", "--out", dir.resolve("z").toString());
        assertEquals(2, format.code());
        assertTrue(format.err().contains("--format"), format.err());

        CliTest.Result alone = CliTest.run("export", pruned.toString(), "--out", dir.resolve("w").toString(),
                "--adapter-out", dir.resolve("v").toString());
        assertEquals(2, alone.code());
        assertTrue(alone.err().contains("--adapter-out"), alone.err());

        CliTest.Result size = CliTest.run("export", pruned.toString(), "--out", dir.resolve("u").toString(), "--max-shard-size", "lots");
        assertEquals(2, size.code());
        assertTrue(size.err().contains("--max-shard-size"), size.err());
        assertFalse(Files.exists(dir.resolve("x")) || Files.exists(dir.resolve("y")) || Files.exists(dir.resolve("z")));
    }
}

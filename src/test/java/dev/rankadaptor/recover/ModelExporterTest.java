package dev.rankadaptor.recover;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rankadaptor.checkpoint.Checkpoint;
import dev.rankadaptor.checkpoint.LayerLayout;
import dev.rankadaptor.checkpoint.LayoutManifest;
import dev.rankadaptor.checkpoint.LlamaConfig;
import dev.rankadaptor.checkpoint.SafetensorsDtype;
import dev.rankadaptor.checkpoint.SafetensorsFile;
import dev.rankadaptor.checkpoint.ShardedCheckpoint;
import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.common.InvalidFieldException;
import dev.rankadaptor.common.Json;
import dev.rankadaptor.common.UserInputException;
import dev.rankadaptor.model.LlamaModel;
import dev.rankadaptor.model.LlamaModelWriter;
import dev.rankadaptor.model.LlamaModels;
import dev.rankadaptor.model.ModelStep;
import dev.rankadaptor.model.Projection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The padded Hugging Face export on a tiny random model whose layers differ in kv heads, group size
 * (GQA 2, 2, 3 and 1) and MLP width: read back with our own config + safetensors reader it is a
 * uniform LLaMA whose logits equal the pruned model's, merged or with the padded adapter applied.
 */
public class ModelExporterTest {
    static final LlamaConfig CONFIG = new LlamaConfig(32, 40, 4, 2, 4, 53, 8, 1e-5, 10000.0, false, 64, 1, 2, "float32");
    static final LayerLayout UNEVEN = new LayerLayout(List.of(new LayerLayout.Layer(4, 2, 40),
            new LayerLayout.Layer(2, 1, 24), new LayerLayout.Layer(3, 1, 16), new LayerLayout.Layer(4, 4, 8)));
    static final int[] RANKS = {4, 2, 3, 5};
    static final long[][] TOKENS = {{1, 5, 9, 22, 40, 3, 17, 52, 8, 8, 30, 2}, {1, 44, 12, 0, 7, 19, 33, 21, 6, 50, 11, 4}};

    @TempDir
    static Path shared;
    static Path pruned;
    static Path adapter;
    static float[] prunedLogits;
    static float[] adaptedLogits;
    /** The pruned model with the adapter merged by {@link MergedCheckpointWriter} (what `recover --merge` writes). */
    static float[] mergedLogits;

    @TempDir
    Path dir;

    @BeforeAll
    static void writePrunedCheckpointAndAdapter() {
        pruned = shared.resolve("pruned");
        adapter = shared.resolve("adapter");
        try (LlamaModel m = randomModel(11)) {
            LlamaModelWriter.write(m, pruned, DataType.FLOAT32, null, Map.of("test", "uneven GQA"));
            prunedLogits = logits(m);
            try (LoraAttachment lora = LoraAttachment.attach(m, new LoraConfig(LoraConfig.allTargets(), RANKS,
                    AlphaRule.ALPHA_2R, 16, 0.0, 3))) {
                Random r = new Random(5);
                for (LoraAdapter a : lora.adapters().values()) {
                    NDArray b = a.trainable().get(1);
                    float[] v = new float[(int) b.size()];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = (float) (r.nextGaussian() * 0.05);
                    }
                    b.set(v);
                }
                adaptedLogits = logits(m);
                PeftExporter.export(lora, 0.0, pruned.toString(), adapter);
                MergedCheckpointWriter.write(m, lora.loraEquivalent(), shared.resolve("merged"), null);
            }
        }
        try {
            mergedLogits = exportedLogits(shared.resolve("merged"), null);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertTrue(maxDiff(prunedLogits, adaptedLogits) > 0.05, "the adapter must move the logits by over 5%");
    }

    static LlamaModel randomModel(long seed) {
        LlamaModel m = LlamaModels.random(CONFIG, UNEVEN, seed, 0.3, Device.cpu(), DataType.FLOAT32);
        Random r = new Random(seed + 1);
        for (var e : m.namedWeights().entrySet()) {
            if (e.getKey().endsWith("norm.weight")) {
                float[] v = new float[(int) e.getValue().size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) (0.5 + r.nextDouble());
                }
                e.getValue().set(v);
            }
        }
        return m;
    }

    static float[] logits(LlamaModel m) {
        try (ModelStep s = m.newStep()) {
            long[] flat = new long[TOKENS.length * TOKENS[0].length];
            for (int b = 0; b < TOKENS.length; b++) {
                System.arraycopy(TOKENS[b], 0, flat, b * TOKENS[0].length, TOKENS[0].length);
            }
            return m.forward(s.manager().create(flat, new Shape(TOKENS.length, TOKENS[0].length)), null, false).toFloatArray();
        }
    }

    /** Largest |a - b| over all logits divided by the largest |a| (float32 rounding of logits of size L is ~1e-7 L). */
    public static float maxDiff(float[] a, float[] b) {
        assertEquals(a.length, b.length);
        float d = 0;
        float scale = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
            scale = Math.max(scale, Math.abs(a[i]));
        }
        System.out.printf("max |logit| %.3f, max abs diff %.3g, relative %.3g%n", scale, d, d / scale);
        return d / scale;
    }

    /** Opens an exported folder with our reader and returns its logits (with the adapter in {@code peft}, if any). */
    static float[] exportedLogits(Path folder, Path peft) throws Exception {
        try (Checkpoint c = Checkpoint.open(folder);
             LlamaModel m = LlamaModels.load(c.config(), c.layout(), c.tensors(), Device.cpu(), DataType.FLOAT32)) {
            if (peft == null) {
                return logits(m);
            }
            try (AutoCloseable on = PeftAdapterFolder.read(peft).attach(m)) {
                return logits(m);
            }
        }
    }

    static ModelExporter.Result export(ExportLayout layout, Path peft, Path out, Path adapterOut, long shard) {
        try (Checkpoint c = Checkpoint.open(pruned)) {
            return ModelExporter.export(c, new ModelExporter.Request(layout, peft == null ? null : PeftAdapterFolder.read(peft),
                    out, adapterOut, shard), CancellationToken.none());
        }
    }

    @Test
    void hfExportIsAUniformLlamaWithThePrunedLogits() throws Exception {
        Path out = dir.resolve("hf");
        ModelExporter.Result r = export(ExportLayout.HF, null, out, null, ModelExporter.DEFAULT_SHARD_BYTES);
        assertEquals(1, r.shards());
        JsonNode config = Json.mapper().readTree(out.resolve("config.json").toFile());
        assertEquals("LlamaForCausalLM", config.get("architectures").get(0).asText());
        // widest kv heads 4, widest group 3 (layer 2): 12 query heads; widest MLP 40
        assertEquals(12, config.get("num_attention_heads").asInt());
        assertEquals(4, config.get("num_key_value_heads").asInt());
        assertEquals(40, config.get("intermediate_size").asInt());
        assertEquals(8, config.get("head_dim").asInt());
        assertEquals("float32", config.get("torch_dtype").asText());
        assertFalse(Files.exists(out.resolve(LayoutManifest.FILE)));
        try (Checkpoint c = Checkpoint.open(out)) {
            assertFalse(c.isPruned(), "every layer has the config's widths");
            assertEquals(LayerLayout.uniform(4, 12, 4, 40), c.layout());
        }
        float d = maxDiff(prunedLogits, exportedLogits(out, null));
        assertTrue(d <= 1e-6, "padded logits differ by " + d);
        try (SafetensorsFile f = SafetensorsFile.open(out.resolve("model.safetensors"))) {
            // layer 2 (3 query heads on 1 kv head): its heads sit in slots 0..2 of group 0, all other rows are zero
            float[] q = f.readFloats(Projection.Q.weightName(2));
            int rowLen = 32;
            for (int head = 0; head < 12; head++) {
                boolean real = head < 3;
                float sum = 0;
                for (int i = head * 8 * rowLen; i < (head + 1) * 8 * rowLen; i++) {
                    sum += Math.abs(q[i]);
                }
                assertEquals(real, sum > 0, "query head slot " + head);
            }
        }
        // a second export into the same (now non-empty) folder is refused, the first left as it was
        long before = Files.size(out.resolve("model.safetensors"));
        UserInputException e = assertThrows(UserInputException.class,
                () -> export(ExportLayout.HF, null, out, null, ModelExporter.DEFAULT_SHARD_BYTES));
        assertTrue(e.getMessage().contains(out.toString()) && e.getMessage().contains("not empty"), e.getMessage());
        assertEquals(before, Files.size(out.resolve("model.safetensors")));
    }

    @Test
    void mergedHfExportGivesThePrunedModelWithItsAdapter() throws Exception {
        Path out = dir.resolve("merged");
        export(ExportLayout.HF, adapter, out, null, ModelExporter.DEFAULT_SHARD_BYTES);
        float[] hf = exportedLogits(out, null);
        float d = maxDiff(mergedLogits, hf);
        assertTrue(d <= 1e-6, "merged padded logits differ from the merged pruned model's by " + d);
        // merging itself (x (W + s B A) instead of x W + s (x A) B) changes float rounding, padding or not
        float applied = maxDiff(adaptedLogits, hf);
        assertTrue(applied <= 5e-6, "merged padded logits differ from the adapter applied by " + applied);
    }

    @Test
    void paddedAdapterOnPaddedBaseGivesTheAdapterOnThePrunedModel() throws Exception {
        Path out = dir.resolve("base");
        Path padded = dir.resolve("peft");
        ModelExporter.Result r = export(ExportLayout.HF, adapter, out, padded, ModelExporter.DEFAULT_SHARD_BYTES);
        assertEquals(padded.toAbsolutePath().normalize(), r.adapterFolder());
        // the base is not merged
        assertTrue(maxDiff(prunedLogits, exportedLogits(out, null)) <= 1e-6);
        // our reader + LoRA code reproduce the in-memory adapter on the pruned model ...
        assertTrue(maxDiff(adaptedLogits, exportedLogits(pruned, adapter)) <= 1e-6);
        // ... and the padded adapter on the padded base gives the same logits
        float d = maxDiff(adaptedLogits, exportedLogits(out, padded));
        assertTrue(d <= 1e-6, "padded adapter logits differ by " + d);

        JsonNode src = Json.mapper().readTree(adapter.resolve(PeftExporter.CONFIG_FILE).toFile());
        JsonNode dst = Json.mapper().readTree(padded.resolve(PeftExporter.CONFIG_FILE).toFile());
        for (String field : List.of("r", "lora_alpha", "rank_pattern", "alpha_pattern", "target_modules", "peft_type", "task_type")) {
            assertEquals(src.get(field), dst.get(field), field);
        }
        assertEquals(out.toAbsolutePath().normalize().toString(), dst.get("base_model_name_or_path").asText());
        try (SafetensorsFile f = SafetensorsFile.open(padded.resolve(PeftExporter.WEIGHTS_FILE))) {
            String p = "base_model.model.model.layers.1.";
            assertArrayEquals(new long[]{12 * 8, 2}, f.shape(p + "self_attn.q_proj.lora_B.weight"));
            assertArrayEquals(new long[]{4 * 8, 2}, f.shape(p + "self_attn.v_proj.lora_B.weight"));
            assertArrayEquals(new long[]{2, 12 * 8}, f.shape(p + "self_attn.o_proj.lora_A.weight"));
            assertArrayEquals(new long[]{2, 40}, f.shape(p + "mlp.down_proj.lora_A.weight"));
            assertArrayEquals(new long[]{40, 2}, f.shape(p + "mlp.up_proj.lora_B.weight"));
            assertArrayEquals(new long[]{2, 32}, f.shape(p + "self_attn.q_proj.lora_A.weight"));
        }
    }

    @Test
    void largeExportsAreShardedWithAnIndex() throws Exception {
        Path out = dir.resolve("sharded");
        ModelExporter.Result r = export(ExportLayout.HF, null, out, null, 40_000);
        assertTrue(r.shards() > 2, "shards: " + r.shards());
        assertFalse(Files.exists(out.resolve("model.safetensors")));
        assertTrue(Files.isRegularFile(out.resolve(ShardedCheckpoint.INDEX_FILE)));
        assertTrue(Files.isRegularFile(out.resolve(String.format("model-00001-of-%05d.safetensors", r.shards()))));
        JsonNode index = Json.mapper().readTree(out.resolve(ShardedCheckpoint.INDEX_FILE).toFile());
        assertEquals(r.dataBytes(), index.get("metadata").get("total_size").asLong());
        assertTrue(maxDiff(prunedLogits, exportedLogits(out, null)) <= 1e-6);
    }

    @Test
    void prunedLayoutExportKeepsTheWidthsAndMergesTheAdapter() throws Exception {
        Path out = dir.resolve("pruned-merged");
        export(ExportLayout.PRUNED, adapter, out, null, ModelExporter.DEFAULT_SHARD_BYTES);
        try (Checkpoint c = Checkpoint.open(out)) {
            assertEquals(UNEVEN, c.layout());
            assertNotNull(c.manifest());
            assertEquals(adapter.toAbsolutePath().toString(), c.manifest().source().get("merged_adapter"));
        }
        float[] exported = exportedLogits(out, null);
        assertTrue(maxDiff(mergedLogits, exported) <= 1e-6);
        assertTrue(maxDiff(adaptedLogits, exported) <= 5e-6);
    }

    @Test
    void halfPrecisionWeightsStayHalf() throws Exception {
        Path f16 = dir.resolve("f16");
        try (LlamaModel m = randomModel(11)) {
            LlamaModelWriter.write(m, f16, DataType.FLOAT16, null, Map.of());
        }
        Path out = dir.resolve("f16-hf");
        try (Checkpoint c = Checkpoint.open(f16)) {
            ModelExporter.export(c, new ModelExporter.Request(ExportLayout.HF, null, out, null, ModelExporter.DEFAULT_SHARD_BYTES),
                    CancellationToken.none());
        }
        try (Checkpoint c = Checkpoint.open(out)) {
            assertEquals("float16", c.config().torchDtype());
            assertEquals(SafetensorsDtype.F16, c.tensorInfos().get(Projection.Q.weightName(1)).dtype());
            assertEquals(SafetensorsDtype.F32, c.tensorInfos().get("model.norm.weight").dtype());
        }
        assertTrue(maxDiff(exportedLogits(f16, null), exportedLogits(out, null)) <= 1e-6);
    }

    @Test
    void bf16IsRoundedToNearestEven() throws Exception {
        float[] values = {1f, -2.5f, 1f + 0x1p-8f, 1f + 0x1p-8f + 0x1p-7f, 1f + 0x1p-9f};
        short[] expected = {(short) 0x3f80, (short) 0xc020, (short) 0x3f80, (short) 0x3f82, (short) 0x3f80};
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (var m = dev.rankadaptor.compute.Engines.pytorch().newBaseManager(Device.cpu())) {
            ModelExporter.writeAs(bytes, m.create(values), SafetensorsDtype.BF16);
        }
        byte[] b = bytes.toByteArray();
        assertEquals(values.length * 2, b.length);
        for (int i = 0; i < values.length; i++) {
            assertEquals(expected[i], (short) ((b[2 * i] & 0xff) | (b[2 * i + 1] << 8)), "value " + values[i]);
        }
    }

    @Test
    void anAdapterOfAnotherModelIsRefusedAndNothingIsWritten() throws IOException {
        Path other = dir.resolve("other");
        LayerLayout wider = new LayerLayout(List.of(new LayerLayout.Layer(4, 2, 40), new LayerLayout.Layer(4, 2, 40),
                new LayerLayout.Layer(4, 2, 40), new LayerLayout.Layer(4, 2, 40)));
        try (LlamaModel m = LlamaModels.random(CONFIG, wider, 3, 0.2, Device.cpu(), DataType.FLOAT32);
             LoraAttachment lora = LoraAttachment.attach(m, LoraConfig.uniform(4, 2, 1))) {
            PeftExporter.export(lora, 0.0, "other", other);
        }
        Path out = dir.resolve("never");
        UserInputException e = assertThrows(UserInputException.class, () -> export(ExportLayout.HF, other, out, null, 1 << 30));
        assertTrue(e.getMessage().contains(other.toString()) && e.getMessage().contains("model.layers.1.")
                && e.getMessage().contains("another model"), e.getMessage());
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of("other"), s.map(p -> p.getFileName().toString()).toList(), "no output or partial folder");
        }
        UserInputException missing = assertThrows(UserInputException.class, () -> PeftAdapterFolder.read(dir.resolve("nope")));
        assertTrue(missing.getMessage().contains(dir.resolve("nope").toString()), missing.getMessage());
        assertThrows(InvalidFieldException.class, () -> new ModelExporter.Request(ExportLayout.HF, null, out, dir.resolve("a"), 1));
        Files.writeString(other.resolve(PeftExporter.CONFIG_FILE), "{\"r\": 0, \"target_modules\": [\"q_proj\"]}");
        UserInputException badR = assertThrows(UserInputException.class, () -> PeftAdapterFolder.read(other));
        assertTrue(badR.getMessage().contains(PeftExporter.CONFIG_FILE) && badR.getMessage().contains("field r"), badR.getMessage());
    }
}

package dev.rankadaptor.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.rankadaptor.common.UserInputException;
import dev.rankadaptor.compute.DeviceChoice;
import dev.rankadaptor.compute.Engines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckpointTest {
    @TempDir
    Path dir;

    /** A pruned-like model: config says 4 heads / MLP 48 but layers are narrower and uneven (GQA too). */
    private static final LlamaConfig CONFIG = TinyCheckpoints.config(3, 32, 4, 2, 48, 50);
    private static final LayerLayout UNEVEN = new LayerLayout(List.of(
            new LayerLayout.Layer(4, 2, 48), new LayerLayout.Layer(2, 1, 30), new LayerLayout.Layer(2, 2, 17)));

    private static UserInputException refused(Path folder, String... mustContain) {
        UserInputException e = assertThrows(UserInputException.class, () -> Checkpoint.open(folder).close());
        for (String s : mustContain) {
            assertTrue(e.getMessage().contains(s), "expected \"" + s + "\" in: " + e.getMessage());
        }
        return e;
    }

    @Test
    void unevenLayoutIsReadFromTheTensors() {
        Map<String, float[]> values = TinyCheckpoints.writeFolder(dir, CONFIG, UNEVEN, SafetensorsDtype.F32, 7);
        try (Checkpoint ckpt = Checkpoint.open(dir)) {
            assertEquals(UNEVEN, ckpt.layout());
            assertTrue(ckpt.isPruned());
            assertEquals(CONFIG, ckpt.config());
            long stored = values.values().stream().mapToLong(v -> v.length).sum();
            assertEquals(stored, ckpt.parameterCount());
            assertEquals(Map.of(SafetensorsDtype.F32, stored), ckpt.dtypeSummary());
            assertEquals(stored * 4, ckpt.totalBytes());
            assertEquals(SafetensorsDtype.F32, ckpt.dominantDtype());
            assertFalse(ckpt.hasTokenizer());
            try (NDManager m = Engines.newManager(DeviceChoice.cpu());
                 NDArray up = ckpt.tensors().load(TensorNames.up(2), m, DataType.FLOAT32)) {
                assertArrayEquals(new long[]{17, 32}, up.getShape().getShape());
                assertArrayEquals(values.get(TensorNames.up(2)), up.toFloatArray());
            }
        }
    }

    @Test
    void bf16CheckpointLoadsWidened() {
        SafetensorsWriter w = new SafetensorsWriter();
        Map<String, short[]> stored = new LinkedHashMap<>();
        java.util.Random rnd = new java.util.Random(12);
        for (Map.Entry<String, long[]> e : TensorNames.shapes(CONFIG, UNEVEN).entrySet()) {
            float[] f = TinyCheckpoints.random(TensorInfo.elementCount(e.getValue()), rnd);
            short[] bf = new short[f.length];
            for (int i = 0; i < f.length; i++) {
                bf[i] = (short) (Float.floatToRawIntBits(f[i]) >>> 16);
            }
            stored.put(e.getKey(), bf);
            w.addShorts(e.getKey(), SafetensorsDtype.BF16, e.getValue(), bf);
        }
        LlamaConfigWriter.write(CONFIG, dir.resolve("config.json"));
        w.write(dir.resolve("model.safetensors"));
        try (Checkpoint ckpt = Checkpoint.open(dir); NDManager m = Engines.newManager(DeviceChoice.cpu())) {
            assertEquals(SafetensorsDtype.BF16, ckpt.dominantDtype());
            assertEquals(UNEVEN, ckpt.layout());
            short[] bf = stored.get(TensorNames.gate(1));
            try (NDArray g = ckpt.tensors().load(TensorNames.gate(1), m, DataType.FLOAT32)) {
                float[] values = g.toFloatArray();
                for (int i = 0; i < bf.length; i++) {
                    assertEquals(Float.intBitsToFloat((bf[i] & 0xffff) << 16), values[i]);
                }
            }
        }
    }

    @Test
    void manifestMustAgreeWithTensors() {
        TinyCheckpoints.writeFolder(dir, CONFIG, UNEVEN, SafetensorsDtype.F16, 8);
        new LayoutManifest(UNEVEN, 32, 8, Map.of("base", "tiny", "method", "test")).write(dir.resolve(LayoutManifest.FILE));
        try (Checkpoint ckpt = Checkpoint.open(dir)) {
            assertEquals(UNEVEN, ckpt.manifest().layout());
            assertEquals("tiny", ckpt.manifest().source().get("base"));
        }
        LayerLayout other = new LayerLayout(List.of(
                new LayerLayout.Layer(4, 2, 48), new LayerLayout.Layer(2, 1, 31), new LayerLayout.Layer(2, 2, 17)));
        new LayoutManifest(other, 32, 8, Map.of()).write(dir.resolve(LayoutManifest.FILE));
        refused(dir, "layout.json", "layer 1", "31", "30");
    }

    @Test
    void shardedCheckpointLoadsTheSameTensors() throws Exception {
        Path single = Files.createDirectories(dir.resolve("single"));
        Path sharded = Files.createDirectories(dir.resolve("sharded"));
        TinyCheckpoints.writeFolder(single, CONFIG, UNEVEN, SafetensorsDtype.F16, 9);
        Map<String, String> weightMap = new LinkedHashMap<>();
        try (SafetensorsFile src = SafetensorsFile.open(single.resolve(Checkpoint.SINGLE_FILE))) {
            SafetensorsWriter a = new SafetensorsWriter();
            SafetensorsWriter b = new SafetensorsWriter();
            int i = 0;
            for (String name : src.names()) {
                boolean first = i++ % 2 == 0;
                String shard = first ? "model-00001-of-00002.safetensors" : "model-00002-of-00002.safetensors";
                java.nio.ByteBuffer raw = src.rawBytes(name);
                short[] bits = new short[raw.remaining() / 2];
                raw.asShortBuffer().get(bits);
                (first ? a : b).addHalfBits(name, src.shape(name), bits);
                weightMap.put(name, shard);
            }
            a.write(sharded.resolve("model-00001-of-00002.safetensors"));
            b.write(sharded.resolve("model-00002-of-00002.safetensors"));
            ShardedCheckpoint.writeIndex(sharded.resolve(ShardedCheckpoint.INDEX_FILE), weightMap, src.dataBytes());
        }
        Files.copy(single.resolve(Checkpoint.CONFIG_FILE), sharded.resolve(Checkpoint.CONFIG_FILE));
        try (Checkpoint one = Checkpoint.open(single); Checkpoint many = Checkpoint.open(sharded);
             NDManager m = Engines.newManager(DeviceChoice.cpu())) {
            assertTrue(many.tensors() instanceof ShardedCheckpoint);
            assertEquals(one.layout(), many.layout());
            assertEquals(one.totalBytes(), many.totalBytes());
            assertEquals(one.tensors().names(), many.tensors().names());
            for (String name : one.tensors().names()) {
                try (NDArray x = one.tensors().load(name, m, DataType.FLOAT16);
                     NDArray y = many.tensors().load(name, m, DataType.FLOAT16)) {
                    assertEquals(x.getShape(), y.getShape());
                    assertEquals(x.toByteBuffer(), y.toByteBuffer(), name);
                }
            }
        }
        // a missing shard and a tensor listed under the wrong shard are named
        weightMap.put(TensorNames.FINAL_NORM, "model-00003-of-00002.safetensors");
        ShardedCheckpoint.writeIndex(sharded.resolve(ShardedCheckpoint.INDEX_FILE), weightMap, 0);
        refused(sharded, "model-00003-of-00002.safetensors", "missing", TensorNames.FINAL_NORM);
        String wrong = weightMap.get(TensorNames.EMBED).equals("model-00001-of-00002.safetensors")
                ? "model-00002-of-00002.safetensors" : "model-00001-of-00002.safetensors";
        weightMap.put(TensorNames.FINAL_NORM, weightMap.get(TensorNames.LM_HEAD));
        weightMap.put(TensorNames.EMBED, wrong);
        ShardedCheckpoint.writeIndex(sharded.resolve(ShardedCheckpoint.INDEX_FILE), weightMap, 0);
        refused(sharded, TensorNames.EMBED, wrong, "does not contain");
    }

    @Test
    void missingTensorIsNamed() {
        LlamaConfig c = CONFIG;
        SafetensorsWriter w = new SafetensorsWriter();
        for (Map.Entry<String, long[]> e : TensorNames.shapes(c, UNEVEN).entrySet()) {
            if (!e.getKey().equals("model.layers.2.mlp.up_proj.weight")) {
                w.addFloats(e.getKey(), e.getValue(), new float[(int) TensorInfo.elementCount(e.getValue())], SafetensorsDtype.F32);
            }
        }
        LlamaConfigWriter.write(c, dir.resolve("config.json"));
        w.write(dir.resolve("model.safetensors"));
        refused(dir, "missing tensor model.layers.2.mlp.up_proj.weight", dir.toString());
    }

    @Test
    void tensorsDisagreeingWithConfigAreNamed() {
        TinyCheckpoints.writeFolder(dir, CONFIG, UNEVEN, SafetensorsDtype.F32, 10);
        LlamaConfig wider = TinyCheckpoints.config(3, 40, 4, 2, 48, 50);
        LlamaConfigWriter.write(wider, dir.resolve("config.json"));
        refused(dir, TensorNames.EMBED, "[50, 32]", "[50, 40]");
        LlamaConfigWriter.write(TinyCheckpoints.config(2, 32, 4, 2, 48, 50), dir.resolve("config.json"));
        refused(dir, "model.layers.2", "num_hidden_layers = 2");
    }

    @Test
    void inconsistentLayerTensorsAreNamed() {
        LayerLayout l = UNEVEN;
        SafetensorsWriter w = new SafetensorsWriter();
        for (Map.Entry<String, long[]> e : TensorNames.shapes(CONFIG, l).entrySet()) {
            long[] s = e.getKey().equals(TensorNames.down(1)) ? new long[]{32, 29} : e.getValue();
            w.addFloats(e.getKey(), s, new float[(int) TensorInfo.elementCount(s)], SafetensorsDtype.F32);
        }
        LlamaConfigWriter.write(CONFIG, dir.resolve("config.json"));
        w.write(dir.resolve("model.safetensors"));
        refused(dir, TensorNames.down(1), "[32, 29]", "expected [32, 30]");
    }

    @Test
    void folderProblemsAreExplained() throws Exception {
        refused(dir.resolve("nowhere"), "does not exist");
        refused(dir, "no config.json in " + dir);
        LlamaConfigWriter.write(CONFIG, dir.resolve("config.json"));
        refused(dir, "no weights in " + dir, "model.safetensors");
        Files.write(dir.resolve("pytorch_model.bin"), new byte[]{1});
        refused(dir, "PyTorch checkpoint " + dir.resolve("pytorch_model.bin"), "truncated");
        Files.writeString(dir.resolve("config.json"), "{\"model_type\":\"llama\",\"num_attention_heads\":4}");
        refused(dir, "config.json", "hidden_size");
    }

    @Test
    void absentTokenizerIsExplained() {
        TinyCheckpoints.writeFolder(dir, CONFIG, UNEVEN, SafetensorsDtype.F32, 11);
        try (Checkpoint ckpt = Checkpoint.open(dir)) {
            UserInputException e = assertThrows(UserInputException.class, ckpt::tokenizer);
            assertEquals("no tokenizer in " + dir + ": expected tokenizer.json or tokenizer.model", e.getMessage());
        }
    }
}

package dev.rankadaptor.recover;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rankadaptor.checkpoint.Checkpoint;
import dev.rankadaptor.checkpoint.SafetensorsDtype;
import dev.rankadaptor.checkpoint.SafetensorsFile;
import dev.rankadaptor.common.Json;
import dev.rankadaptor.model.LlamaModel;
import dev.rankadaptor.model.LlamaModels;
import dev.rankadaptor.model.Projection;
import dev.rankadaptor.model.TinyModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PeftExporterTest {
    @TempDir
    Path dir;

    @Test
    void peftFolderHasPeftKeyNamesShapesAndPatterns() throws IOException {
        int[] ranks = {8, 4, 8};
        try (LlamaModel m = TinyModels.random(5, DataType.FLOAT32);
             LoraAttachment att = LoraAttachment.attach(m, new LoraConfig(LoraConfig.allTargets(), ranks,
                     AlphaRule.FIXED, 16, 0.05, 1))) {
            Path out = dir.resolve("adapter");
            PeftExporter.export(att, 0.05, "/models/base", out);
            Set<String> expected = new HashSet<>();
            try (SafetensorsFile f = SafetensorsFile.open(out.resolve(PeftExporter.WEIGHTS_FILE))) {
                for (int layer = 0; layer < 3; layer++) {
                    for (Projection p : Projection.values()) {
                        String prefix = "base_model.model.model.layers." + layer + "." + p.moduleName(layer)
                                .substring(("model.layers." + layer + ".").length());
                        long[] w = m.layer(layer).weight(p).getShape().getShape();
                        assertArrayEquals(new long[]{ranks[layer], w[1]}, f.shape(prefix + ".lora_A.weight"), prefix);
                        assertArrayEquals(new long[]{w[0], ranks[layer]}, f.shape(prefix + ".lora_B.weight"), prefix);
                        assertEquals(SafetensorsDtype.F32, f.dtype(prefix + ".lora_A.weight"));
                        expected.add(prefix + ".lora_A.weight");
                        expected.add(prefix + ".lora_B.weight");
                    }
                }
                assertEquals(expected, f.names());
                assertArrayEquals(att.adapter(1, Projection.K).loraA().toFloatArray(),
                        f.readFloats("base_model.model.model.layers.1.self_attn.k_proj.lora_A.weight"));
            }
            JsonNode c = Json.mapper().readTree(out.resolve(PeftExporter.CONFIG_FILE).toFile());
            assertEquals("LORA", c.get("peft_type").asText());
            assertEquals("CAUSAL_LM", c.get("task_type").asText());
            assertEquals("/models/base", c.get("base_model_name_or_path").asText());
            assertEquals(8, c.get("r").asInt());
            assertEquals(16, c.get("lora_alpha").asInt());
            assertEquals("none", c.get("bias").asText());
            assertEquals(0.05, c.get("lora_dropout").asDouble(), 0);
            assertFalse(c.get("fan_in_fan_out").asBoolean());
            assertTrue(c.get("inference_mode").asBoolean());
            assertEquals(7, c.get("target_modules").size());
            assertEquals("q_proj", c.get("target_modules").get(0).asText());
            JsonNode rp = c.get("rank_pattern");
            assertEquals(7, rp.size());
            assertEquals(4, rp.get("model.layers.1.self_attn.q_proj").asInt());
            assertEquals(4, rp.get("model.layers.1.mlp.down_proj").asInt());
            // fixed alpha: alpha / r is the scale for every rank, no alpha_pattern needed
            assertEquals(0, c.get("alpha_pattern").size());
        }
    }

    @Test
    void alphaTwoRWritesAnAlphaPatternThatKeepsTheScale() {
        try (LlamaModel m = TinyModels.random(5, DataType.FLOAT32);
             LoraAttachment att = LoraAttachment.attach(m, new LoraConfig(EnumSet.of(Projection.Q, Projection.V),
                     new int[]{8, 0, 4}, AlphaRule.ALPHA_2R, 16, 0.0, 1))) {
            JsonNode c = PeftExporter.config(att.loraEquivalent(), 3, 0.0, "base");
            // ranks 8 and 4 are equally common: the smaller becomes the default r, alpha = 2r keeps scale 2
            assertEquals(4, c.get("r").asInt());
            assertEquals(8, c.get("lora_alpha").asInt());
            assertEquals(16, c.get("alpha_pattern").get("model.layers.0.self_attn.q_proj").asInt());
            assertEquals(8, c.get("rank_pattern").get("model.layers.0.self_attn.v_proj").asInt());
            assertEquals(2, c.get("rank_pattern").size());
            // layer 1 has no adapter: targets are listed by full module name
            assertEquals(4, c.get("target_modules").size());
            assertEquals("model.layers.0.self_attn.q_proj", c.get("target_modules").get(0).asText());
        }
    }

    @Test
    void mergedCheckpointGivesTheLogitsOfBasePlusAdapters() {
        try (LlamaModel m = TinyModels.random(6, DataType.FLOAT32)) {
            float[] merged;
            float[] adapted;
            try (LoraAttachment att = LoraAttachment.attach(m, new LoraConfig(LoraConfig.allTargets(), new int[]{2, 3, 4},
                    AlphaRule.RSLORA, 4, 0.0, 2))) {
                Random rng = new Random(3);
                att.adapters().values().forEach(a -> LoraAdapterTest.randomize(a.loraB(), rng, 0.2));
                adapted = LoraAdapterTest.logits(m);
                Path out = dir.resolve("merged");
                MergedCheckpointWriter.write(m, att.loraEquivalent(), out, null);
                merged = logitsOf(out);
            }
            assertTrue(LoraAdapterTest.maxDiff(adapted, LoraAdapterTest.logits(m)) > 1e-3, "adapters must matter here");
            assertTrue(LoraAdapterTest.maxDiff(adapted, merged) < 1e-4, "merged max diff " + LoraAdapterTest.maxDiff(adapted, merged));
        }
    }

    @Test
    void adaLoraExportsItsPrunedRankLoraEquivalent() {
        try (LlamaModel m = TinyModels.random(6, DataType.FLOAT32);
             AdaLoraAttachment att = AdaLoraAttachment.attach(m, AdaLoraConfig.defaults(4), 10)) {
            Random rng = new Random(8);
            int zeroed = 0;
            for (int l = 0; l < 3; l++) {
                for (Projection p : Projection.values()) {
                    AdaLoraAdapter a = att.adapter(l, p);
                    float[] e = new float[a.rank()];
                    for (int i = 0; i < e.length; i++) {
                        e[i] = rng.nextInt(3) == 0 ? 0f : (float) rng.nextGaussian();
                        zeroed += e[i] == 0f ? 1 : 0;
                    }
                    a.loraE().set(e);
                }
            }
            float[] adapted = LoraAdapterTest.logits(m);
            var modules = att.loraEquivalent();
            int kept = modules.stream().mapToInt(LoraModuleWeights::rank).sum();
            assertEquals(21 * 12 - zeroed, kept, "zero singular values are dropped");
            Path out = dir.resolve("ada-merged");
            MergedCheckpointWriter.write(m, modules, out, null);
            assertTrue(LoraAdapterTest.maxDiff(adapted, logitsOf(out)) < 1e-4);
            PeftExporter.export(modules, 3, 0.05, "base", dir.resolve("ada-peft"));
            try (SafetensorsFile f = SafetensorsFile.open(dir.resolve("ada-peft").resolve(PeftExporter.WEIGHTS_FILE))) {
                LoraModuleWeights q0 = modules.get(0);
                assertArrayEquals(new long[]{q0.rank(), 32}, f.shape(PeftExporter.tensorPrefix(q0.moduleName()) + ".lora_A.weight"));
            }
        }
    }

    private static float[] logitsOf(Path folder) {
        try (Checkpoint ck = Checkpoint.open(folder);
             LlamaModel back = LlamaModels.load(ck.config(), ck.layout(), ck.tensors(), Device.cpu(), DataType.FLOAT32)) {
            return LoraAdapterTest.logits(back);
        }
    }
}

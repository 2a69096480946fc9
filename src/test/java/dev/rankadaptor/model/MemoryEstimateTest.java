package dev.rankadaptor.model;

import ai.djl.ndarray.types.DataType;
import dev.rankadaptor.checkpoint.LayerLayout;
import dev.rankadaptor.checkpoint.LlamaConfig;
import dev.rankadaptor.common.InvalidFieldException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemoryEstimateTest {
    private static final LlamaConfig LLAMA_7B = new LlamaConfig(4096, 11008, 32, 32, 32, 32000, 128, 1e-6, 10000,
            false, 2048, 1, 2, "float16");

    @Test
    void llama7bF16WeightsAreAbout13Point5GB() {
        MemoryEstimate e = MemoryEstimate.inference(LLAMA_7B, LLAMA_7B.nominalLayout(), DataType.FLOAT16, 2048, 1);
        assertEquals(6_738_415_616L * 2, e.weightBytes());
        assertEquals(13.5e9, e.weightBytes(), 0.05e9);
        assertEquals(1L << 30, e.kvCacheBytes(), "2 x 32 layers x 4096 x 2048 tokens x 2 bytes");
        assertEquals(e.weightBytes() + e.kvCacheBytes(), e.totalBytes());
        assertTrue(e.format().startsWith("weights 12.55 GiB (F16) + KV cache 1.00 GiB (context 2048 x batch 1) = 13.55 GiB"),
                e.format());
    }

    @Test
    void prunedLayoutNeedsLessAndF32Doubles() {
        List<LayerLayout.Layer> layers = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            layers.add(i < 4 || i >= 30 ? new LayerLayout.Layer(32, 32, 11008) : new LayerLayout.Layer(26, 26, 8800));
        }
        LayerLayout pruned = new LayerLayout(layers);
        MemoryEstimate full = MemoryEstimate.inference(LLAMA_7B, LLAMA_7B.nominalLayout(), DataType.FLOAT16, 128, 1);
        MemoryEstimate cut = MemoryEstimate.inference(LLAMA_7B, pruned, DataType.FLOAT16, 128, 1);
        MemoryEstimate cut32 = MemoryEstimate.inference(LLAMA_7B, pruned, DataType.FLOAT32, 128, 1);
        assertTrue(cut.weightBytes() < 0.85 * full.weightBytes());
        assertEquals(2 * cut.weightBytes(), cut32.weightBytes());
        assertTrue(cut.kvCacheBytes() < full.kvCacheBytes());
    }

    @Test
    void loraTrainingAddsAdapterStateAndActivations() {
        MemoryEstimate e = MemoryEstimate.loraTraining(LLAMA_7B, LLAMA_7B.nominalLayout(), DataType.FLOAT16, 256, 4, 8);
        // rank 8 on q,k,v,o (4096+4096 each) and gate,up,down (4096+11008 each), 32 layers, 16 bytes/param
        long adapter = 32L * 8 * (4 * 8192 + 3 * 15104);
        assertEquals(adapter * 16, e.loraStateBytes());
        assertTrue(e.activationBytes() > 0);
        assertTrue(e.format().contains("LoRA r=8"), e.format());
        assertThrows(InvalidFieldException.class,
                () -> MemoryEstimate.inference(LLAMA_7B, LLAMA_7B.nominalLayout(), DataType.INT32, 1, 1));
        assertThrows(InvalidFieldException.class,
                () -> MemoryEstimate.inference(LLAMA_7B, LLAMA_7B.nominalLayout(), DataType.FLOAT16, 0, 1));
    }

    @Test
    void humanUnits() {
        assertEquals("512 B", MemoryEstimate.human(512));
        assertEquals("1.50 KiB", MemoryEstimate.human(1536));
        assertEquals("2.00 GiB", MemoryEstimate.human(2L << 30));
    }
}

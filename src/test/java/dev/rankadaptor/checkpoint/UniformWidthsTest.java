package dev.rankadaptor.checkpoint;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Which uniform widths a pruned layout is exported with (the maxima, or the config's head layout). */
class UniformWidthsTest {
    // hidden 128, head_dim 32, 4 heads on 2 kv heads, MLP 352 (the demo model's shape)
    static final LlamaConfig DEMO = new LlamaConfig(128, 352, 4, 2, 3, 1024, 32, 1e-5, 1e4, false, 512, 1, 2, "float32");

    @Test
    void widestTakesKvHeadsAndGroupSizeSeparately() {
        LayerLayout l = new LayerLayout(List.of(new LayerLayout.Layer(2, 1, 100), new LayerLayout.Layer(3, 1, 300),
                new LayerLayout.Layer(4, 4, 50)));
        UniformWidths w = UniformWidths.widest(l);
        assertEquals(new UniformWidths(4, 3, 300), w);
        assertEquals(12, w.heads());
        assertTrue(l.layers().stream().allMatch(w::holds));
        assertFalse(new UniformWidths(4, 2, 300).holds(l.layer(1)), "a group of 3 does not fit into groups of 2");
        // the config's 4/2 layout cannot hold a group of 3: the maxima stay
        assertEquals(w, UniformWidths.forExport(DEMO, l));
    }

    @Test
    void everyLayerPrunedKeepsTheConfigsHeadLayoutSoHeadDimStaysStandard() {
        LayerLayout l = new LayerLayout(List.of(new LayerLayout.Layer(2, 1, 176), new LayerLayout.Layer(2, 1, 176),
                new LayerLayout.Layer(2, 1, 200)));
        assertEquals(new UniformWidths(1, 2, 200), UniformWidths.widest(l));
        UniformWidths w = UniformWidths.forExport(DEMO, l);
        assertEquals(new UniformWidths(2, 2, 200), w);
        LlamaConfig c = w.config(DEMO, 3, "float16");
        assertEquals(List.of(4, 2, 200, 3), List.of(c.numAttentionHeads(), c.numKeyValueHeads(), c.intermediateSize(),
                c.numHiddenLayers()));
        assertEquals("float16", c.torchDtype());
        // with an unpruned layer the maxima already are the config's widths
        LayerLayout mixed = new LayerLayout(List.of(new LayerLayout.Layer(4, 2, 352), new LayerLayout.Layer(2, 1, 176)));
        assertEquals(new UniformWidths(2, 2, 352), UniformWidths.forExport(DEMO, mixed));
    }
}

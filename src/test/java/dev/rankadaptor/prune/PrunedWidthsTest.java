package dev.rankadaptor.prune;

import dev.rankadaptor.checkpoint.LayerLayout;
import dev.rankadaptor.checkpoint.LlamaConfig;
import dev.rankadaptor.common.InvalidFieldException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrunedWidthsTest {
    static final LlamaConfig LLAMA_7B = new LlamaConfig(4096, 11008, 32, 32, 32, 32000, 128, 1e-6, 10000.0, false,
            2048, 0, 1, "float16");
    static final Path TEXT = Path.of("calibration.txt");

    private static PruningPlan local(double r) {
        return PrunedWidths.plan(PruningConfig.blockLocal(r, TEXT), LLAMA_7B, LLAMA_7B.nominalLayout(), 2);
    }

    @Test
    void llama7bLocalQuarterMatchesLlmPruner() {
        PruningPlan p = local(0.25);
        assertEquals(Set.of(0, 1, 2, 3, 30, 31), p.protectedLayers());
        for (LayerPlan l : p.layers()) {
            if (l.index() >= 4 && l.index() <= 29) {
                assertEquals(new LayerLayout.Layer(24, 24, 8256), l.after(), "layer " + l.index());
            } else {
                assertEquals(new LayerLayout.Layer(32, 32, 11008), l.after(), "layer " + l.index());
            }
        }
        assertEquals(6_738_415_616L, p.paramsBefore());
        assertEquals(5_422_977_024L, p.paramsAfter());
        assertEquals(5_422_977_024L, p.layoutAfter().parameterCount(LLAMA_7B));
        assertTrue(p.toTable().contains("5,422,977,024"), p.toTable());
    }

    @Test
    void llama7bOtherLocalRatios() {
        double[] ratios = {0.32, 0.38, 0.635};
        int[][] expected = {{22, 7485}, {20, 6824}, {12, 4017}};
        for (int i = 0; i < ratios.length; i++) {
            LayerLayout.Layer l = local(ratios[i]).layers().get(10).after();
            assertEquals(expected[i][0], l.heads(), "heads at " + ratios[i]);
            assertEquals(expected[i][1], l.mlpWidth(), "mlp at " + ratios[i]);
        }
    }

    @Test
    void twentyPercentGlobalSolvesToAboutAQuarterLocal() {
        PruningPlan p = PrunedWidths.plan(PruningConfig.blockGlobal(0.20, TEXT), LLAMA_7B, LLAMA_7B.nominalLayout(), 2);
        assertEquals(0.25, p.localRatio(), 0.015);
        assertEquals(0.20, p.achievedGlobalRatio(), 0.005);
    }

    @Test
    void gqaRemovesWholeKvGroups() {
        LlamaConfig gqa = new LlamaConfig(2048, 5632, 32, 4, 22, 32000, 64, 1e-5, 10000.0, false, 2048, 1, 2, "float32");
        LayerLayout.Layer l = PrunedWidths.prunedLayer(gqa.nominalLayout().layer(0), 64, 0.5);
        assertEquals(2, l.kvHeads());
        assertEquals(16, l.heads());
        assertEquals(2816, l.mlpWidth());
    }

    @Test
    void unreachableTargetIsRefused() {
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> PrunedWidths.plan(
                PruningConfig.blockGlobal(0.9, TEXT), LLAMA_7B, LLAMA_7B.nominalLayout(), 2));
        assertEquals("target_ratio", e.field());
        assertTrue(e.getMessage().contains("cannot be met"), e.getMessage());
    }

    @Test
    void depthPlanRemovesBlocksOfShortenedLlama() {
        PruningPlan p = PrunedWidths.plan(PruningConfig.blockLocal(0.2, TEXT).withMethod(PruningMethod.DEPTH),
                LLAMA_7B, LLAMA_7B.nominalLayout(), 2);
        assertEquals(6, p.blocksToRemove());
        assertEquals(26, p.layoutAfter().size());
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> PrunedWidths.plan(
                PruningConfig.blockLocal(0.9, TEXT).withMethod(PruningMethod.DEPTH), LLAMA_7B, LLAMA_7B.nominalLayout(), 2));
        assertEquals("local_ratio", e.field());
    }
}

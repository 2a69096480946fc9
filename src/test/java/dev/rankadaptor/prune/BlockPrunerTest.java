package dev.rankadaptor.prune;

import ai.djl.ndarray.NDArray;
import dev.rankadaptor.checkpoint.LayerLayout;
import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.model.LlamaModel;
import dev.rankadaptor.model.Projection;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlockPrunerTest {
    private static final int[] TOKENS = {1, 17, 5, 44, 9, 30, 2, 51, 11, 60, 3};

    @Test
    void removingGroupsEqualsMaskingTheirContributions() {
        try (LlamaModel m = PruneFixtures.model(4, 3)) {
            // layer 1: drop kv group 1 (q heads 2,3) and MLP channels 3, 7, 11; layer 2: drop kv group 0
            Map<Integer, GroupSelection> sel = Map.of(
                    1, new GroupSelection(new int[]{0}, keepAllBut(40, 3, 7, 11)),
                    2, new GroupSelection(new int[]{1}, keepAllBut(40)));
            float[] pruned;
            try (LlamaModel p = BlockPruner.apply(m, sel, PruneListener.none(), CancellationToken.none())) {
                assertEquals(new LayerLayout.Layer(2, 1, 37), p.layout().layer(1));
                assertEquals(new LayerLayout.Layer(2, 1, 40), p.layout().layer(2));
                pruned = PruneFixtures.logits(p, TOKENS);
            }
            float[] full = PruneFixtures.logits(m, TOKENS);
            PruneFixtures.zeroColumns(m, 1, Projection.O, 16, 32);
            for (int c : new int[]{3, 7, 11}) {
                PruneFixtures.zeroColumns(m, 1, Projection.DOWN, c, c + 1);
            }
            PruneFixtures.zeroColumns(m, 2, Projection.O, 0, 16);
            float[] masked = PruneFixtures.logits(m, TOKENS);
            assertTrue(PruneFixtures.maxAbsDiff(full, masked) > 1e-2, "masking must change the logits");
            double err = PruneFixtures.maxAbsDiff(pruned, masked);
            assertTrue(err < 1e-5, "pruned vs masked logits differ by " + err);
        }
    }

    @Test
    void protectedLayersAndSharedTensorsAreBitIdenticalAndCountMatchesPlan() {
        try (LlamaModel m = PruneFixtures.model(8, 5)) {
            PruningConfig cfg = PruningConfig.blockLocal(0.5, Path.of("x.txt")).withProtectedLayers(Set.of(0, 1, 2, 3, 6, 7));
            PruningPlan plan = PrunedWidths.plan(cfg, m.config(), m.layout(), 4);
            assertEquals(Set.of(0, 1, 2, 3, 6, 7), plan.protectedLayers());
            ImportanceScores scores = TaylorImportance.compute(m, plan.prunableLayers(), ImportanceKind.ELEMENT1,
                    PruneFixtures.calibration(9), PruneListener.none(), CancellationToken.none());
            BlockPruner.Result r = BlockPruner.prune(m, plan, scores, PruneListener.none(), CancellationToken.none());
            try (LlamaModel p = r.model()) {
                assertEquals(plan.layoutAfter(), p.layout());
                long count = 0;
                for (NDArray a : p.namedWeights().values()) {
                    count += a.size();
                }
                assertEquals(plan.paramsAfter(), count);
                Map<String, NDArray> before = m.namedWeights();
                for (Map.Entry<String, NDArray> e : p.namedWeights().entrySet()) {
                    String name = e.getKey();
                    boolean prunedLayer = name.startsWith("model.layers.4.") || name.startsWith("model.layers.5.");
                    if (!prunedLayer || name.endsWith("norm.weight")) {
                        assertArrayEquals(before.get(name).toFloatArray(), e.getValue().toFloatArray(), name);
                        assertTrue(e.getValue() != before.get(name), name + " must be a copy");
                    }
                }
            }
        }
    }

    static int[] keepAllBut(int n, int... removed) {
        Set<Integer> r = new java.util.HashSet<>();
        for (int i : removed) {
            r.add(i);
        }
        return java.util.stream.IntStream.range(0, n).filter(i -> !r.contains(i)).toArray();
    }
}

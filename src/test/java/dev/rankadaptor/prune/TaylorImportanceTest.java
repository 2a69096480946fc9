package dev.rankadaptor.prune;

import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.model.LlamaModel;
import dev.rankadaptor.model.Projection;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaylorImportanceTest {

    /** Layer 1: kv group 1 (q heads 2, 3) and MLP channels 5, 9 write nothing (zero o/down columns). */
    private static LlamaModel crippled() {
        LlamaModel m = PruneFixtures.model(3, 17);
        PruneFixtures.zeroColumns(m, 1, Projection.O, 16, 32);
        PruneFixtures.zeroColumns(m, 1, Projection.DOWN, 5, 6);
        PruneFixtures.zeroColumns(m, 1, Projection.DOWN, 9, 10);
        return m;
    }

    @Test
    void everyVariantRanksUselessGroupsLowest() {
        try (LlamaModel m = crippled()) {
            for (ImportanceKind kind : ImportanceKind.values()) {
                ImportanceScores s = TaylorImportance.compute(m, List.of(1), kind, PruneFixtures.calibration(4),
                        PruneListener.none(), CancellationToken.none());
                LayerImportance l = s.layer(1);
                assertTrue(l.headGroups()[1] < l.headGroups()[0], kind + " heads " + java.util.Arrays.toString(l.headGroups()));
                assertTrue(l.headGroups()[0] > 0, kind + " live head group must score > 0");
                int[] lowest = GroupSelection.removed(GroupSelection.top(l.channels(), 38), 40);
                assertArrayEquals(new int[]{5, 9}, lowest, kind + " lowest channels");
            }
        }
    }

    @Test
    void prunerRemovesUselessGroupsFirst() {
        try (LlamaModel m = crippled()) {
            PruningConfig cfg = PruningConfig.blockLocal(0.5, Path.of("x.txt")).withProtectedLayers(Set.of(0, 2))
                    .withImportance(ImportanceKind.MIX);
            PruningPlan plan = PrunedWidths.plan(cfg, m.config(), m.layout(), 4);
            ImportanceScores s = TaylorImportance.compute(m, plan.prunableLayers(), cfg.importance(),
                    PruneFixtures.calibration(4), PruneListener.none(), CancellationToken.none());
            BlockPruner.Result r = BlockPruner.prune(m, plan, s, PruneListener.none(), CancellationToken.none());
            r.model().close();
            GroupSelection sel = r.selections().get(1);
            assertArrayEquals(new int[]{0}, sel.keptHeadGroups());
            assertEquals(20, sel.keptChannels().length);
            int[] removed = GroupSelection.removed(sel.keptChannels(), 40);
            assertTrue(java.util.Arrays.binarySearch(removed, 5) >= 0 && java.util.Arrays.binarySearch(removed, 9) >= 0,
                    java.util.Arrays.toString(removed));
        }
    }

    @Test
    void weightsAreNoLongerTrainableAfterScoring() {
        try (LlamaModel m = PruneFixtures.model(3, 2)) {
            TaylorImportance.compute(m, List.of(1), ImportanceKind.ELEMENT2, PruneFixtures.calibration(1),
                    PruneListener.none(), CancellationToken.none());
            assertTrue(!m.layer(1).weight(Projection.Q).hasGradient());
        }
    }
}

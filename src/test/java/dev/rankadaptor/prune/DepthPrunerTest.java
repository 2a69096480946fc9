package dev.rankadaptor.prune;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import dev.rankadaptor.checkpoint.Checkpoint;
import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.model.LlamaModel;
import dev.rankadaptor.model.LlamaModels;
import dev.rankadaptor.model.Perplexity;
import dev.rankadaptor.model.Projection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DepthPrunerTest {
    private static final int[] TOKENS = {1, 17, 5, 44, 9, 30, 2, 51, 11};

    /** 8 layers; blocks 0 (protected by default) and 4 write nothing: they are identities. */
    private static LlamaModel withIdentityBlocks() {
        LlamaModel m = PruneFixtures.model(8, 23);
        for (int b : new int[]{0, 4}) {
            PruneFixtures.zeroColumns(m, b, Projection.O, 0, 32);
            PruneFixtures.zeroColumns(m, b, Projection.DOWN, 0, 40);
        }
        return m;
    }

    @Test
    void taylorRemovesTheUselessUnprotectedBlockAndRenumbers(@TempDir Path tmp) throws Exception {
        Path src = tmp.resolve("src");
        Path out = tmp.resolve("out");
        try (LlamaModel m = withIdentityBlocks()) {
            TinyCheckpointFolder.write(m, src);
            PruningConfig cfg = PruningConfig.blockLocal(0.13, Path.of("x.txt")).withMethod(PruningMethod.DEPTH);
            PruningPlan plan = PrunedWidths.plan(cfg, m.config(), m.layout(), 4);
            assertEquals(1, plan.blocksToRemove());
            double[] scores = DepthPruner.blockScores(m, plan.protectedLayers(), DepthCriterion.TAYLOR,
                    PruneFixtures.calibration(3), PruneListener.none(), CancellationToken.none());
            List<Integer> removed = DepthPruner.lowest(scores, plan.blocksToRemove());
            assertEquals(List.of(4), removed);
            assertTrue(Double.isNaN(scores[0]), "protected block 0 must not be scored");
            assertEquals(0.0, scores[4], 1e-12);
            assertTrue(scores[5] > 0);
            try (Checkpoint ck = Checkpoint.open(src)) {
                DepthPruner.write(ck, removed, DataType.FLOAT32, out, Map.of(), PruneListener.none(),
                        CancellationToken.none());
            }
            try (Checkpoint ck = Checkpoint.open(out);
                 LlamaModel p = LlamaModels.load(ck.config(), ck.layout(), ck.tensors(), Device.cpu(), DataType.FLOAT32)) {
                assertEquals(7, p.numLayers());
                assertEquals(7, p.config().numHiddenLayers());
                assertArrayEquals(m.layer(5).weight(Projection.Q).toFloatArray(), p.layer(4).weight(Projection.Q).toFloatArray());
                assertArrayEquals(m.layer(7).postNorm().toFloatArray(), p.layer(6).postNorm().toFloatArray());
                double err = PruneFixtures.maxAbsDiff(PruneFixtures.logits(m, TOKENS), PruneFixtures.logits(p, TOKENS));
                assertTrue(err < 1e-5, "removing an identity block must not change logits: " + err);
            }
        }
    }

    @Test
    void neverRemovesProtectedBlocksEvenWhenAllowedMany() {
        try (LlamaModel m = withIdentityBlocks()) {
            PruningConfig cfg = PruningConfig.blockLocal(0.5, Path.of("x.txt")).withMethod(PruningMethod.DEPTH)
                    .withProtectedLayers(Set.of(0, 1, 2, 7));
            PruningPlan plan = PrunedWidths.plan(cfg, m.config(), m.layout(), 4);
            assertEquals(4, plan.blocksToRemove());
            double[] scores = DepthPruner.blockScores(m, plan.protectedLayers(), DepthCriterion.TAYLOR,
                    PruneFixtures.calibration(3), PruneListener.none(), CancellationToken.none());
            assertEquals(List.of(3, 4, 5, 6), DepthPruner.lowest(scores, plan.blocksToRemove()));
        }
    }

    @Test
    void perplexityScoreOfAnIdentityBlockIsTheFullModelsPerplexity() {
        try (LlamaModel m = withIdentityBlocks()) {
            CalibrationWindows cal = PruneFixtures.calibration(8);
            double[] s = DepthPruner.blockScores(m, new TreeSet<>(Set.of(0, 1, 2, 3, 6, 7)), DepthCriterion.PERPLEXITY,
                    cal, PruneListener.none(), CancellationToken.none());
            int[] stream = new int[cal.size() * cal.window()];
            for (int i = 0; i < cal.size(); i++) {
                System.arraycopy(cal.windows().get(i), 0, stream, i * cal.window(), cal.window());
            }
            double full = Perplexity.compute(m, stream, cal.window(), CancellationToken.none()).perplexity();
            assertEquals(full, s[4], 1e-4 * full);
            assertTrue(Math.abs(s[5] - full) > 1e-3, "skipping a live block changes perplexity");
            assertTrue(Double.isNaN(s[0]));
        }
    }
}

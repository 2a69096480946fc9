package dev.rankadaptor.prune;

import ai.djl.Device;
import dev.rankadaptor.checkpoint.Checkpoint;
import dev.rankadaptor.checkpoint.LlamaConfig;
import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.common.UserInputException;
import dev.rankadaptor.compute.MemoryBudget;
import dev.rankadaptor.model.LlamaModel;
import dev.rankadaptor.model.StagePeak;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Depth pruning's pre-flight uses the layer-wise estimates (no whole-model F32 gradients): Taylor
 * as first-order block pruning, perplexity below it; a run over the limit is refused before any
 * weight is read, with advice that fits depth pruning.
 */
class DepthPreflightTest {
    @TempDir
    Path dir;

    @AfterEach
    void clearLimit() {
        System.clearProperty(MemoryBudget.PROPERTY);
    }

    @Test
    void depthEstimatesAreLayerwise() throws Exception {
        Path src = dir.resolve("base");
        try (LlamaModel m = PruneFixtures.model(4, 3)) {
            TinyCheckpointFolder.write(m, src);
        }
        PruningConfig taylor = PruningConfig.blockLocal(0.25, Path.of("x.txt")).withMethod(PruningMethod.DEPTH)
                .withImportance(ImportanceKind.MIX);
        try (Checkpoint ck = Checkpoint.open(src)) {
            long depth = PruneJob.estimate(ck, taylor).bytes();
            long block = PruneJob.estimate(ck, PruningConfig.blockLocal(0.25, Path.of("x.txt"))).bytes();
            assertEquals(block, depth, "depth Taylor scores are first-order whatever pruning.importance says");
            assertTrue(PruneJob.estimate(ck, taylor.withDepthCriterion(DepthCriterion.PERPLEXITY)).breakdown()
                    .contains("hidden states"), "the perplexity criterion has its own estimate");
        }
        // TinyLlama-1.1B's shape, F16: perplexity scoring holds one F32 block, Taylor also its gradients and sums
        LlamaConfig tiny = new LlamaConfig(2048, 5632, 32, 4, 22, 32000, 64, 1e-5, 10000.0, false, 2048, 1, 2, "float16");
        long taylorPeak = StagePeak.prune(tiny, tiny.nominalLayout(), 2, false, false, 10, 64).bytes();
        long pplPeak = StagePeak.prunePerplexity(tiny, tiny.nominalLayout(), 2, false, 10, 64).bytes();
        long f16 = tiny.nominalLayout().parameterCount(tiny) * 2;
        assertTrue(pplPeak < taylorPeak && taylorPeak < 2 * f16, pplPeak + " < " + taylorPeak + " < " + 2 * f16);
    }

    @Test
    void depthRunOverTheLimitIsRefusedBeforeAnyWeightIsRead() throws Exception {
        Path src = dir.resolve("base");
        try (LlamaModel m = PruneFixtures.model(4, 5)) {
            TinyCheckpointFolder.write(m, src);
        }
        Path text = TinyCheckpointFolder.text(dir.resolve("cal.txt"), 300, 1);
        for (DepthCriterion c : DepthCriterion.values()) {
            PruningConfig cfg = PruningConfig.blockLocal(0.25, text).withMethod(PruningMethod.DEPTH)
                    .withProtectedLayers(Set.of(0)).withDepthCriterion(c).withCalibration(text, 3, 16, 1);
            long estimate;
            try (Checkpoint ck = Checkpoint.open(src)) {
                estimate = PruneJob.estimate(ck, cfg).bytes();
            }
            Path out = dir.resolve("pruned-" + c);
            System.setProperty(MemoryBudget.PROPERTY, Long.toString(estimate - 1));
            UserInputException e = assertThrows(UserInputException.class, () -> PruneJob.run(src, out, cfg,
                    Device.cpu(), false, PruneListener.none(), CancellationToken.none()));
            String msg = e.getMessage();
            assertTrue(msg.startsWith("prune will not fit") && msg.contains("pruning.samples"), msg);
            assertFalse(msg.contains("pruning.importance"), "importance does not apply to depth pruning: " + msg);
            assertFalse(Files.exists(out));
            System.setProperty(MemoryBudget.PROPERTY, Long.toString(estimate + 1));
            PruneOutcome o = PruneJob.run(src, out, cfg, Device.cpu(), false, PruneListener.none(),
                    CancellationToken.none());
            assertEquals(1, o.removedBlocks().size(), c.name());
        }
    }
}

package dev.rankadaptor.prune;

import ai.djl.Device;
import dev.rankadaptor.checkpoint.Checkpoint;
import dev.rankadaptor.checkpoint.LlamaConfig;
import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.common.InvalidFieldException;
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
 * The memory pre-flight refuses a prune whose estimate exceeds the configured limit, before any
 * weight is read; depth pruning's estimates are layer-wise (no whole-model F32 gradients).
 */
class PrunePreflightTest {
    @TempDir
    Path dir;

    @AfterEach
    void clearLimit() {
        System.clearProperty(MemoryBudget.PROPERTY);
    }

    /** A random 4-layer checkpoint folder with tokenizer. */
    private Path base(long seed) throws Exception {
        Path src = dir.resolve("base");
        try (LlamaModel m = PruneFixtures.model(4, seed)) {
            TinyCheckpointFolder.write(m, src);
        }
        return src;
    }

    @Test
    void pruneOverTheLimitIsRefusedWithStageEstimateAvailableAndAdvice() throws Exception {
        Path src = base(3);
        Path text = TinyCheckpointFolder.text(dir.resolve("cal.txt"), 300, 1);
        PruningConfig cfg = PruningConfig.blockLocal(0.5, text).withProtectedLayers(Set.of(0, 3))
                .withImportance(ImportanceKind.MIX);
        Path out = dir.resolve("pruned");
        String msg = refusedThenRun(src, cfg, out);
        assertTrue(msg.contains("estimated at") && msg.contains("is available (the configured limit"), msg);
        assertTrue(msg.contains("element1") && msg.contains("pruning.samples"), msg);
        assertTrue(Files.isRegularFile(out.resolve("model.safetensors")));
    }

    /**
     * Runs {@code cfg} with the limit one byte under its estimate (refused, nothing written), then
     * one byte over it (runs); returns the refusal's message.
     */
    private static String refusedThenRun(Path src, PruningConfig cfg, Path out) {
        long estimate;
        try (Checkpoint ck = Checkpoint.open(src)) {
            estimate = PruneJob.estimate(ck, cfg).bytes();
        }
        System.setProperty(MemoryBudget.PROPERTY, Long.toString(estimate - 1));
        UserInputException e = assertThrows(UserInputException.class, () -> PruneJob.run(src, out, cfg, Device.cpu(),
                false, PruneListener.none(), CancellationToken.none()));
        String msg = e.getMessage();
        assertTrue(msg.startsWith("prune will not fit"), msg);
        assertFalse(Files.exists(out));
        System.setProperty(MemoryBudget.PROPERTY, Long.toString(estimate + 1));
        PruneJob.run(src, out, cfg, Device.cpu(), false, PruneListener.none(), CancellationToken.none());
        return msg;
    }

    @Test
    void sizesParseInBinaryUnitsAndBadOnesNameTheField() {
        assertEquals(20L << 30, MemoryBudget.parseBytes("--memory-limit", "20g"));
        assertEquals(512L << 20, MemoryBudget.parseBytes("--memory-limit", "512MiB"));
        assertEquals(1536, MemoryBudget.parseBytes("--memory-limit", "1.5k"));
        InvalidFieldException e = assertThrows(InvalidFieldException.class,
                () -> MemoryBudget.parseBytes("--memory-limit", "lots"));
        assertTrue(e.getMessage().contains("--memory-limit"), e.getMessage());
    }

    /** Depth pruning's estimates are layer-wise: Taylor as first-order block pruning, perplexity below it. */
    @Test
    void depthEstimatesAreLayerwise() throws Exception {
        Path src = base(3);
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

    /** A depth run over the limit is refused before any weight is read, with advice that fits depth pruning. */
    @Test
    void depthRunOverTheLimitIsRefusedBeforeAnyWeightIsRead() throws Exception {
        Path src = base(5);
        Path text = TinyCheckpointFolder.text(dir.resolve("cal.txt"), 300, 1);
        for (DepthCriterion c : DepthCriterion.values()) {
            PruningConfig cfg = PruningConfig.blockLocal(0.25, text).withMethod(PruningMethod.DEPTH)
                    .withProtectedLayers(Set.of(0)).withDepthCriterion(c).withCalibration(text, 3, 16, 1);
            Path out = dir.resolve("pruned-" + c);
            String msg = refusedThenRun(src, cfg, out);
            assertTrue(msg.contains("pruning.samples"), msg);
            assertFalse(msg.contains("pruning.importance"), "importance does not apply to depth pruning: " + msg);
            try (Checkpoint ck = Checkpoint.open(out)) {
                assertEquals(3, ck.layout().size(), c.name());
            }
        }
    }
}

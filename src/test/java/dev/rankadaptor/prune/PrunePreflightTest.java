package dev.rankadaptor.prune;

import ai.djl.Device;
import dev.rankadaptor.checkpoint.Checkpoint;
import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.common.InvalidFieldException;
import dev.rankadaptor.common.UserInputException;
import dev.rankadaptor.compute.MemoryBudget;
import dev.rankadaptor.model.LlamaModel;
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

/** The memory pre-flight refuses a prune whose estimate exceeds the configured limit, before any weight is read. */
class PrunePreflightTest {
    @TempDir
    Path dir;

    @AfterEach
    void clearLimit() {
        System.clearProperty(MemoryBudget.PROPERTY);
    }

    @Test
    void pruneOverTheLimitIsRefusedWithStageEstimateAvailableAndAdvice() throws Exception {
        Path src = dir.resolve("base");
        try (LlamaModel m = PruneFixtures.model(4, 3)) {
            TinyCheckpointFolder.write(m, src);
        }
        Path text = TinyCheckpointFolder.text(dir.resolve("cal.txt"), 300, 1);
        PruningConfig cfg = PruningConfig.blockLocal(0.5, text).withProtectedLayers(Set.of(0, 3))
                .withImportance(ImportanceKind.MIX);
        long estimate;
        try (Checkpoint ck = Checkpoint.open(src)) {
            estimate = PruneJob.estimate(ck, cfg).bytes();
        }
        System.setProperty(MemoryBudget.PROPERTY, Long.toString(estimate - 1));
        Path out = dir.resolve("pruned");
        UserInputException e = assertThrows(UserInputException.class, () -> PruneJob.run(src, out, cfg, Device.cpu(),
                false, PruneListener.none(), CancellationToken.none()));
        String msg = e.getMessage();
        assertTrue(msg.startsWith("prune will not fit"), msg);
        assertTrue(msg.contains("estimated at") && msg.contains("is available (the configured limit"), msg);
        assertTrue(msg.contains("element1") && msg.contains("pruning.samples"), msg);
        assertFalse(Files.exists(out));

        System.setProperty(MemoryBudget.PROPERTY, Long.toString(estimate + 1));
        PruneJob.run(src, out, cfg, Device.cpu(), false, PruneListener.none(), CancellationToken.none());
        assertTrue(Files.isRegularFile(out.resolve("model.safetensors")));
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
}

package dev.rankadaptor.pipeline;

import ai.djl.Device;
import dev.rankadaptor.checkpoint.Checkpoint;
import dev.rankadaptor.checkpoint.SafetensorsDtype;
import dev.rankadaptor.common.UserInputException;
import dev.rankadaptor.compute.DeviceChoice;
import dev.rankadaptor.compute.MemoryBudget;
import dev.rankadaptor.experiment.ProjectFile;
import dev.rankadaptor.experiment.RunDirectory;
import dev.rankadaptor.recover.BaseWeights;
import dev.rankadaptor.recover.RecoveryPreflight;
import dev.rankadaptor.search.SearchControl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The train / eval memory pre-flight: a run, a trial and a recovery whose LoRA-step estimate exceeds
 * the configured limit are refused before anything starts, with the stage, the estimate, the memory
 * available and what to change.
 */
class TrainEvalPreflightTest {
    @TempDir
    Path dir;

    @AfterEach
    void clearLimit() {
        System.clearProperty(MemoryBudget.PROPERTY);
    }

    @Test
    void aRunOverTheLimitIsRefusedBeforePruningWithStageEstimateAndAdvice() {
        ProjectFile pf = TinyProjectFixture.create(dir.resolve("p"), 2, 1, List.of());
        System.setProperty(MemoryBudget.PROPERTY, Long.toString(300L << 20));
        try (RunDirectory run = RunDirectory.create(pf)) {
            UserInputException e = assertThrows(UserInputException.class,
                    () -> new RunOrchestrator(run, RunListener.NONE, new SearchControl()).run());
            String msg = e.getMessage();
            assertTrue(msg.startsWith("LoRA training step (micro-batch 4 x 192 tokens, LoRA r 6, gradient checkpointing off"), msg);
            assertTrue(msg.contains("will not fit: its peak memory is estimated at"), msg);
            assertTrue(msg.contains("but 0.29 GiB is available (the configured limit"), msg);
            assertTrue(msg.contains("turn on recovery.gradient_checkpointing") && msg.contains("lower recovery.micro_batch (now 4)")
                    && msg.contains("lower recovery.cutoff (now 192)"), msg);
            assertFalse(Files.exists(run.prunedDir()), "nothing was pruned");
        }
        System.setProperty(MemoryBudget.PROPERTY, "64g");
        assertDoesNotThrow(() -> TrialWorkspace.checkBeforeRun(pf, Device.cpu()));
    }

    @Test
    void aTrialOverTheLimitIsRefusedBeforeTheModelIsLoaded() {
        ProjectFile pf = TinyProjectFixture.create(dir.resolve("p"), 2, 1, List.of());
        System.setProperty(MemoryBudget.PROPERTY, "300m");
        UserInputException e = assertThrows(UserInputException.class,
                () -> TrialWorkspace.open(pf, pf.checkpointPath(), DeviceChoice.cpu()).close());
        assertTrue(e.getMessage().startsWith("LoRA training step"), e.getMessage());
    }

    @Test
    void checkpointingLowersTheEstimateAndLeavesItsAdviceOut() {
        ProjectFile pf = TinyProjectFixture.create(dir.resolve("p"), 2, 1, List.of());
        try (Checkpoint ck = Checkpoint.open(pf.checkpointPath())) {
            RecoveryPreflight off = new RecoveryPreflight(Device.cpu(), BaseWeights.F32, 16, 256, 8, false);
            RecoveryPreflight on = new RecoveryPreflight(Device.cpu(), BaseWeights.F32, 16, 256, 8, true);
            assertTrue(on.train(ck.config(), ck.layout()).bytes() < off.train(ck.config(), ck.layout()).bytes());
            System.setProperty(MemoryBudget.PROPERTY, "100m");
            UserInputException e = assertThrows(UserInputException.class, () -> on.checkTrain(ck.config(), ck.layout()));
            assertFalse(e.getMessage().contains("turn on recovery.gradient_checkpointing"), e.getMessage());
            UserInputException s = assertThrows(UserInputException.class, () -> on.checkScore(ck.config(), ck.layout(), 300, 4));
            assertTrue(s.getMessage().startsWith("evaluation (items of up to 300 tokens x 4 choices"), s.getMessage());
        }
    }

    @Test
    void baseWeightsStayF16OnCudaAndOnTheCpuOnlyWithCheckpointing() {
        assertEquals(BaseWeights.F16, BaseWeights.choose(Device.gpu(0), SafetensorsDtype.F16, false));
        assertEquals(BaseWeights.F16, BaseWeights.choose(Device.gpu(0), SafetensorsDtype.BF16, true));
        assertEquals(BaseWeights.F16_STORED_F32_COMPUTE, BaseWeights.choose(Device.cpu(), SafetensorsDtype.F16, true));
        assertEquals(BaseWeights.F32, BaseWeights.choose(Device.cpu(), SafetensorsDtype.F16, false));
        assertEquals(BaseWeights.F32, BaseWeights.choose(Device.gpu(0), SafetensorsDtype.F32, true));
        assertEquals(2, BaseWeights.F16_STORED_F32_COMPUTE.storedBytes());
        assertTrue(BaseWeights.F16_STORED_F32_COMPUTE.f32Compute());
        assertFalse(BaseWeights.F16.f32Compute());
    }
}

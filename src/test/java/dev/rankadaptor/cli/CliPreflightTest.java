package dev.rankadaptor.cli;

import dev.rankadaptor.compute.MemoryBudget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** recover and eval refuse before loading the model when the estimate exceeds --memory-limit; inspect prints the estimates. */
class CliPreflightTest {
    private static final String DEMO = "sample-projects/tiny-llama-demo";

    @AfterEach
    void clearLimit() {
        System.clearProperty(MemoryBudget.PROPERTY);
    }

    @Test
    void recoverOverTheLimitExitsWith2AndSaysWhatToChange(@TempDir Path tmp) {
        Path out = tmp.resolve("adapter");
        CliTest.Result r = CliTest.run("recover", DEMO, "--data", DEMO + "/data/recovery_alpaca.json", "--out", out.toString(),
                "--steps", "1", "--memory-limit", "300m");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("LoRA training step (micro-batch 8 x 256 tokens, LoRA r 8, gradient checkpointing off, base F32)"
                + " will not fit"), r.err());
        assertTrue(r.err().contains("0.29 GiB is available (the configured limit"), r.err());
        assertTrue(r.err().contains("turn on recovery.gradient_checkpointing (--gradient-checkpointing)"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void evalOverTheLimitExitsWith2() {
        CliTest.Result r = CliTest.run("eval", DEMO, "--tasks-dir", DEMO + "/data/tasks", "--tasks", "hellaswag",
                "--memory-limit", "300m");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("evaluation (items of up to ") && r.err().contains(" will not fit"), r.err());
    }

    @Test
    void inspectPrintsTheTrainAndEvalEstimatesForTheGivenSettings() {
        CliTest.Result r = CliTest.run("inspect", DEMO, "--micro-batch", "4", "--cutoff", "128", "--gradient-checkpointing");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("LoRA training step (micro-batch 4 x 128, r 8, checkpointing on, base F32): peak estimate"),
                r.out());
        assertTrue(r.out().contains("evaluation (128 tokens x 4 choices): peak estimate"), r.out());
    }
}

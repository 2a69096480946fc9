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
        CliTest.Result r = CliTest.run("inspect", DEMO, "--micro-batch", "4", "--cutoff", "128", "--gradient-checkpointing",
                "--rank", "8");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("pre-flight on cpu (peak resident as run):"), r.out());
        assertTrue(r.out().contains("LoRA training step (micro-batch 4 x 128, r 8, checkpointing on, base F32): peak estimate"),
                r.out());
        assertTrue(r.out().contains("evaluation (items of up to 128 tokens x 4 choices, base F32): peak estimate"), r.out());
    }

    @Test
    void planUsesTheProjectsSettingsAndTheFlagsOverrideThemThroughTheSection() {
        String project = DEMO + "/project.json";
        CliTest.Result r = CliTest.run("plan", DEMO, "--ratio", "0.3", "--project", project);
        assertEquals(0, r.code(), r.err());
        // the demo project: micro_batch 8, cutoff 192, no checkpointing; r 12 = AdaLoRA's 1.5 x base rank 8
        assertTrue(r.out().contains("prune (block, element1, 10 x 64 calibration tokens, weights F32): peak estimate"), r.out());
        assertTrue(r.out().contains("LoRA training step (micro-batch 8 x 192, r 12, checkpointing off, base F32, pruned widths)"),
                r.out());
        CliTest.Result o = CliTest.run("plan", DEMO, "--ratio", "0.3", "--project", project, "--micro-batch", "2",
                "--gradient-checkpointing", "--memory-limit", "1m");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("LoRA training step (micro-batch 2 x 192, r 12, checkpointing on"), o.out());
        assertTrue(o.out().contains(": DOES NOT FIT") && o.out().contains("available (the configured limit"), o.out());
        CliTest.Result bad = CliTest.run("plan", DEMO, "--ratio", "0.3", "--cutoff", "4");
        assertEquals(2, bad.code(), bad.err());
        assertTrue(bad.err().contains("recovery.cutoff"), bad.err());
    }
}

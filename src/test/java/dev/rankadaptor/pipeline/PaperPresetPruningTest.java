package dev.rankadaptor.pipeline;

import dev.rankadaptor.checkpoint.LlamaConfig;
import dev.rankadaptor.experiment.ProjectFile;
import dev.rankadaptor.prune.DepthCriterion;
import dev.rankadaptor.prune.LayerPlan;
import dev.rankadaptor.prune.PruningConfig;
import dev.rankadaptor.prune.PruningPlan;
import dev.rankadaptor.prune.PrunedWidths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The paper preset's pruning rules on LLaMA-7B's shape (reference-facts §2, paper §4.1). */
class PaperPresetPruningTest {
    static final LlamaConfig LLAMA_7B = new LlamaConfig(4096, 11008, 32, 32, 32, 32000, 128, 1e-6, 10000.0, false,
            2048, 0, 1, "float16");

    @TempDir
    Path dir;

    private ProjectFile project(String preset, String method, double ratio, String extraPruning) throws Exception {
        Files.createDirectories(dir.resolve("model"));
        Files.writeString(dir.resolve("model/config.json"), "{\"num_hidden_layers\": 32}");
        Path file = dir.resolve("project.json");
        Files.writeString(file, """
                {"schema_version": 1, "name": "7b", "checkpoint": "model", "preset": "%s",
                 "pruning": {"method": "%s", "ratio": %s, %s "calibration_file": "c.txt"},
                 "recovery": {"data_file": "r.json"}, "evaluation": {"task_folder": "tasks"}}
                """.formatted(preset, method, ratio, extraPruning));
        return ProjectFile.read(file);
    }

    private PruningPlan plan(String preset, String method, double ratio) throws Exception {
        PruningConfig cfg = ProjectMapping.pruning(project(preset, method, ratio, ""), 32);
        return PrunedWidths.plan(cfg, LLAMA_7B, LLAMA_7B.nominalLayout(), 2);
    }

    @Test
    void globalRatesBecomeThePapersLocalRatiosOnLayers4To29() throws Exception {
        PruningPlan p = plan("paper", "block", 0.2);
        assertEquals(0.25, p.localRatio(), 1e-12);
        for (LayerPlan l : p.layers()) {
            boolean pruned = l.index() >= 4 && l.index() <= 29;
            assertEquals(pruned ? 24 : 32, l.after().heads(), "layer " + l.index());
            assertEquals(pruned ? 8256 : 11008, l.after().mlpWidth(), "layer " + l.index());
        }
        assertEquals(5_422_977_024L, p.paramsAfter(), "the paper's '20%' LLaMA-7B (80.48% of 6.74B)");
        int[][] expected = {{25, 22, 7485}, {30, 20, 6824}, {50, 12, 4017}};
        double[] locals = {0.32, 0.38, 0.635};
        for (int i = 0; i < expected.length; i++) {
            PruningPlan q = plan("paper", "block", expected[i][0] / 100.0);
            assertEquals(locals[i], q.localRatio(), 1e-12);
            assertEquals(expected[i][1], q.layers().get(10).after().heads());
            assertEquals(expected[i][2], q.layers().get(10).after().mlpWidth());
        }
    }

    @Test
    void otherRatesAndThePresetNoneSolveForTheShareOfParameters() throws Exception {
        PruningPlan solved = plan("none", "block", 0.2);
        assertEquals(0.259, solved.localRatio(), 1e-3, "solving 20% of all parameters gives 0.259");
        assertEquals(0.2, solved.achievedGlobalRatio(), 2e-3);
        assertEquals(plan("none", "block", 0.22).localRatio(), plan("paper", "block", 0.22).localRatio(), 1e-12,
                "the paper names no local ratio for 22%");
    }

    @Test
    void depthPruningCountsBlocksAsShortenedLlama() throws Exception {
        assertEquals(6, plan("paper", "depth", 0.2).blocksToRemove(), "Shortened LLaMA: 20% of LLaMA-7B = 6 blocks");
        assertEquals(11, plan("paper", "depth", 0.35).blocksToRemove(), "35%: 11 blocks (4.5B)");
        assertEquals(7, plan("none", "depth", 0.2).blocksToRemove(), "closest to 20% of all parameters: 7 blocks (21%)");
    }

    @Test
    void thePerplexityCriterionReachesThePruner() throws Exception {
        PruningConfig ppl = ProjectMapping.pruning(project("paper", "depth", 0.2, "\"depth_criterion\": \"ppl\","), 32);
        assertEquals(DepthCriterion.PERPLEXITY, ppl.depthCriterion());
        assertNull(ppl.targetGlobalRatio());
        assertEquals(DepthCriterion.TAYLOR, ProjectMapping.pruning(project("paper", "depth", 0.2, ""), 32).depthCriterion());
    }
}

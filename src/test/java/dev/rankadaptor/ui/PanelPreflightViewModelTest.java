package dev.rankadaptor.ui;

import dev.rankadaptor.checkpoint.CheckpointInspector;
import dev.rankadaptor.checkpoint.CheckpointSummary;
import dev.rankadaptor.checkpoint.LlamaConfig;
import dev.rankadaptor.compute.MemoryBudget;
import dev.rankadaptor.pipeline.StageMemoryReport;
import dev.rankadaptor.reference.PaperReference;
import dev.rankadaptor.ui.backend.ShapePlanner;
import dev.rankadaptor.ui.exec.SameThreadUiExecutor;
import dev.rankadaptor.ui.workbench.WorkbenchServices;
import dev.rankadaptor.ui.workbench.WorkbenchViewModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Checkpoint and Pruning panels' memory pre-flight follows the Recovery &amp; Search and Pruning
 * panels' settings and marks a stage over the configured memory limit (view models, no Stage).
 */
class PanelPreflightViewModelTest {
    /** LLaMA-7B's published shape with F16 files (shape only: no weights are read). */
    private static final LlamaConfig LLAMA7B = new LlamaConfig(4096, 11008, 32, 32, 32, 32000, 128,
            1e-6, 10000, false, 2048, 0, 1, "float16");
    private static final CheckpointInspector INSPECTOR = (folder, token) ->
            new CheckpointSummary(folder, LLAMA7B, LLAMA7B.nominalLayout(), "F16", 13_476_839_424L);

    @AfterEach
    void clearLimit() {
        System.clearProperty(MemoryBudget.PROPERTY);
    }

    private static long train(WorkbenchViewModel vm) {
        return vm.pruning().preflight().reportProperty().get().line(StageMemoryReport.Stage.TRAIN).estimate().bytes();
    }

    @Test
    void thePreflightFollowsThePanelsSettingsAndMarksAStageOverTheLimit(@TempDir Path dir) {
        WorkbenchViewModel vm = new WorkbenchViewModel(new SameThreadUiExecutor(),
                new WorkbenchServices(PaperReference.bundled(), BackendViewModelTest.idle(), INSPECTOR, new ShapePlanner()));
        assertEquals("", vm.checkpoint().preflight().text(), "nothing before a checkpoint is open");
        vm.checkpoint().folderProperty().set(dir.toString());
        vm.checkpoint().open();
        String text = vm.checkpoint().preflight().text();
        assertEquals(text, vm.pruning().preflight().text(), "both panels show the same pre-flight");
        // the paper preset's defaults: micro_batch 16, cutoff 256, no checkpointing (F16 files held in F32 on the CPU)
        assertTrue(text.contains("prune (block, element1, 10 x 64 calibration tokens, weights F16): peak estimate"), text);
        assertTrue(text.contains("LoRA training step (micro-batch 16 x 256, r 12, checkpointing off, base F32, pruned widths)"), text);
        long before = train(vm);

        vm.recovery().field("microBatch").set("4");
        vm.recovery().field("cutoff").set("128");
        vm.recovery().gradientCheckpointingProperty().set(true);
        text = vm.pruning().preflight().text();
        assertEquals(text, vm.checkpoint().preflight().text());
        assertTrue(text.contains("LoRA training step (micro-batch 4 x 128, r 12, checkpointing on, "
                + "base F16 stored, F32 compute per block, pruned widths)"), text);
        assertTrue(text.contains("evaluation (items of up to 128 tokens x 4 choices"), text);
        long lean = train(vm);
        assertTrue(lean < before / 2, lean + " vs " + before);

        vm.pruning().ratioTextProperty().set("0.5");
        assertTrue(train(vm) < lean, "fewer parameters left: a smaller LoRA step");
        vm.pruning().importanceProperty().set("mix");
        assertTrue(vm.pruning().preflight().text().contains("prune (block, mix, "), vm.pruning().preflight().text());

        System.setProperty(MemoryBudget.PROPERTY, Long.toString(train(vm) - 1));
        vm.recovery().field("baseRank").set("6"); // any edit estimates again (r stays 12: the largest candidate rank)
        StageMemoryReport r = vm.checkpoint().preflight().reportProperty().get();
        assertFalse(r.line(StageMemoryReport.Stage.TRAIN).fits());
        assertTrue(r.notFitting().contains(StageMemoryReport.Stage.TRAIN), r.text());
        assertTrue(vm.checkpoint().preflight().text().contains("pruned widths): peak estimate")
                && vm.checkpoint().preflight().text().contains("available (the configured limit (" + MemoryBudget.PROPERTY
                + ")): DOES NOT FIT"), vm.checkpoint().preflight().text());
        System.clearProperty(MemoryBudget.PROPERTY);
        vm.preflight().update();
        StageMemoryReport.Line free = vm.pruning().preflight().reportProperty().get().line(StageMemoryReport.Stage.TRAIN);
        assertFalse(free.budget().source().contains("configured limit"), "the device's own memory again: " + free.text());
        assertEquals(free.fits(), !vm.pruning().preflight().reportProperty().get().notFitting().contains(StageMemoryReport.Stage.TRAIN));
    }
}

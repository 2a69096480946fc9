package dev.rankadaptor.ui;

import dev.rankadaptor.checkpoint.LayerLayout;
import dev.rankadaptor.checkpoint.LlamaConfig;
import dev.rankadaptor.common.UserInputException;
import dev.rankadaptor.checkpoint.CheckpointInspector;
import dev.rankadaptor.checkpoint.CheckpointSummary;
import dev.rankadaptor.ui.checkpoint.CheckpointViewModel;
import dev.rankadaptor.ui.exec.SameThreadUiExecutor;
import dev.rankadaptor.ui.pruning.PruningPlanner;
import dev.rankadaptor.ui.pruning.PruningViewModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Checkpoint and pruning panel logic without a Stage, over test doubles of the back-end seams. */
class CheckpointAndPruningViewModelTest {
    /** LLaMA-7B's published architecture (config only; no weights involved). */
    private static final LlamaConfig LLAMA7B = new LlamaConfig(4096, 11008, 32, 32, 32, 32000, 128,
            1e-6, 10000, false, 2048, 0, 1, "float16");

    private static final CheckpointInspector INSPECTOR = (folder, token) -> {
        if (!Files.exists(folder.resolve("config.json"))) {
            throw new UserInputException(folder.resolve("config.json") + ": not found");
        }
        return new CheckpointSummary(folder, LLAMA7B, LLAMA7B.nominalLayout());
    };

    /** Test double: MLP width times (1 - local ratio) in the layers the config leaves prunable. */
    private static final PruningPlanner PLANNER = (ckpt, config, token) -> {
        List<LayerLayout.Layer> out = new ArrayList<>();
        var prot = config.resolveProtected(ckpt.layout().size());
        for (int i = 0; i < ckpt.layout().size(); i++) {
            LayerLayout.Layer l = ckpt.layout().layer(i);
            boolean prunable = !prot.contains(i);
            out.add(prunable ? new LayerLayout.Layer(l.heads(), l.kvHeads(), (int) (l.mlpWidth() * (1 - config.localRatio()))) : l);
        }
        return new LayerLayout(out);
    };

    @Test
    void openingAFolderShowsItsArchitectureOrAClearError(@TempDir Path dir) throws Exception {
        SameThreadUiExecutor ex = new SameThreadUiExecutor();
        CheckpointViewModel vm = new CheckpointViewModel(ex, INSPECTOR);
        vm.open();
        assertTrue(vm.errorProperty().get().startsWith("checkpoint folder"));
        vm.folderProperty().set(dir.resolve("nope").toString());
        vm.open();
        assertTrue(vm.errorProperty().get().contains("not a folder"), vm.errorProperty().get());
        vm.folderProperty().set(dir.toString());
        vm.open();
        assertTrue(vm.errorProperty().get().contains("config.json"));
        assertNull(vm.summaryProperty().get());
        Files.writeString(dir.resolve("config.json"), "{}");
        vm.open();
        assertEquals("", vm.errorProperty().get());
        assertEquals(32, vm.summaryProperty().get().layout().size());
        assertEquals(List.of(dir.toString()), vm.recent());
        assertTrue(vm.describe().contains("6.74 B parameters"), vm.describe());
        assertFalse(vm.loadingProperty().get());
        assertEquals(3, ex.submittedCount(), "every folder read went through the executor (the blank one needs none)");
    }

    @Test
    void withoutAReaderTheUserIsToldSo() {
        CheckpointViewModel vm = new CheckpointViewModel(new SameThreadUiExecutor(), null);
        vm.folderProperty().set("/some/folder");
        vm.open();
        assertEquals("no checkpoint reader is installed in this build", vm.errorProperty().get());
    }

    @Test
    void pruningPlanFollowsRatioAndLayersAndValidatesInline(@TempDir Path dir) {
        SameThreadUiExecutor ex = new SameThreadUiExecutor();
        PruningViewModel vm = new PruningViewModel(ex, PLANNER);
        vm.ratioKindProperty().set("local");
        assertTrue(vm.errorProperty().get().isEmpty() || vm.errorProperty().get().startsWith("checkpoint"));
        vm.ratioProperty().set(0.3);
        assertTrue(vm.errorProperty().get().startsWith("checkpoint"), vm.errorProperty().get());
        vm.checkpointProperty().set(new CheckpointSummary(dir, LLAMA7B, LLAMA7B.nominalLayout()));
        assertEquals(4, vm.firstPrunableProperty().get());
        assertEquals(29, vm.lastPrunableProperty().get());
        assertEquals("", vm.errorProperty().get());
        assertEquals((int) (11008 * 0.7), vm.planProperty().get().layer(10).mlpWidth());
        assertEquals(11008, vm.planProperty().get().layer(2).mlpWidth());
        long afterAt30 = vm.parametersAfter();
        vm.ratioTextProperty().set("0.5");
        assertEquals(0.5, vm.ratioProperty().get());
        assertTrue(vm.parametersAfter() < afterAt30);
        vm.lastPrunableProperty().set(30);
        assertEquals((int) (11008 * 0.5), vm.planProperty().get().layer(30).mlpWidth());
        vm.ratioTextProperty().set("1.5");
        assertTrue(vm.errorProperty().get().startsWith("pruning.ratio"), vm.errorProperty().get());
        assertNull(vm.planProperty().get());
        vm.ratioTextProperty().set("abc");
        assertTrue(vm.errorProperty().get().contains("'abc'"));
        vm.ratioProperty().set(0.25);
        assertEquals("0.25", vm.ratioTextProperty().get());
        assertEquals("", vm.errorProperty().get());
        vm.firstPrunableProperty().set(31);
        assertTrue(vm.errorProperty().get().startsWith("protected_layers"), "nothing left to prune: " + vm.errorProperty().get());
        assertNull(vm.planProperty().get());
    }
}

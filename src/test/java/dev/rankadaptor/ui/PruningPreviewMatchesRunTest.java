package dev.rankadaptor.ui;

import dev.rankadaptor.checkpoint.LayerLayout;
import dev.rankadaptor.checkpoint.LlamaConfig;
import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.common.UserInputException;
import dev.rankadaptor.experiment.Project;
import dev.rankadaptor.experiment.ProjectFile;
import dev.rankadaptor.experiment.PruningSection;
import dev.rankadaptor.pipeline.ProjectMapping;
import dev.rankadaptor.pipeline.TinyProjectFixture;
import dev.rankadaptor.prune.PruneJob;
import dev.rankadaptor.prune.PruningConfig;
import dev.rankadaptor.prune.PrunedWidths;
import dev.rankadaptor.checkpoint.CheckpointReader;
import dev.rankadaptor.ui.backend.ProjectSession;
import dev.rankadaptor.ui.backend.ShapePlanner;
import dev.rankadaptor.checkpoint.CheckpointSummary;
import dev.rankadaptor.ui.exec.SameThreadUiExecutor;
import dev.rankadaptor.ui.pruning.PruningViewModel;
import dev.rankadaptor.ui.recovery.RecoverySearchViewModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The Pruning panel's live plan is the plan the run computes: after each panel edit, the
 * previewed configuration and widths equal what {@code PruneStage} would get from the saved
 * project ({@link ProjectMapping#pruning(ProjectFile, int)} and {@link PruneJob#plan}), including
 * the calibration path (resolved against the project folder, which here differs from the
 * checkpoint folder), the section's seed and depth criterion, and the paper preset's ratios.
 */
class PruningPreviewMatchesRunTest {

    private record Panels(PruningViewModel pruning, RecoverySearchViewModel recovery) {
        static Panels of(ProjectFile pf) {
            Panels p = new Panels(new PruningViewModel(new SameThreadUiExecutor(), new ShapePlanner()), new RecoverySearchViewModel());
            p.recovery.data().projectFolderProperty().set(pf.folder());
            p.pruning.projectFolderProperty().bind(p.recovery.data().projectFolderProperty());
            ProjectSession.fillPanels(pf.project(), p.pruning, p.recovery);
            return p;
        }

        /** What a run started now would use: the saved project file with the panels' edits. */
        ProjectFile saved(ProjectFile pf) {
            return new ProjectFile(pf.path(), ProjectSession.buildProject(pf.project(), pruning, recovery));
        }
    }

    @Test
    void everyPanelEditPreviewsThePlanTheRunComputes(@TempDir Path tmp) {
        ProjectFile fixture = TinyProjectFixture.create(tmp.resolve("model"), 4, 1, List.of());
        Project f = fixture.project();
        PruningSection ps = f.pruning();
        // the project lives in another folder than the checkpoint, and uses its own seed
        PruningSection moved = new PruningSection(ps.method(), ps.ratioKind(), ps.ratio(), ps.protectedLayers(), ps.importance(),
                "../model/data/calibration.txt", ps.samples(), ps.window(), 7, ps.depthCriterion());
        Project p = new Project(f.name(), "../model", moved, f.recovery(), f.search(), f.evaluation(), f.baselines(),
                f.device(), f.seed(), f.preset(), f.execution());
        ProjectFile pf = ProjectFile.write(tmp.resolve("proj/project.json"), p);
        Panels panels = Panels.of(pf);
        PruningViewModel vm = panels.pruning();
        vm.checkpointProperty().set(new CheckpointReader().inspect(pf.checkpointPath(), CancellationToken.none()));
        assertEquals(1, vm.firstPrunableProperty().get(), "the project's protected layers [0, -1]");
        assertEquals(2, vm.lastPrunableProperty().get());

        Map<String, Consumer<PruningViewModel>> edits = new LinkedHashMap<>();
        edits.put("as loaded", v -> { });
        edits.put("ratio 0.3", v -> v.ratioProperty().set(0.3));
        edits.put("ratio typed 0.4", v -> v.ratioTextProperty().set("0.4"));
        edits.put("ratio kind global (40% cannot be met)", v -> v.ratioKindProperty().set("global"));
        edits.put("global ratio 0.1", v -> v.ratioTextProperty().set("0.1"));
        edits.put("layer 1 protected", v -> v.firstPrunableProperty().set(2));
        edits.put("layers 1..2 again", v -> v.firstPrunableProperty().set(1));
        edits.put("importance element2", v -> v.importanceProperty().set("element2"));
        edits.put("importance mix", v -> v.importanceProperty().set("mix"));
        edits.put("calibration samples 3", v -> v.calibrationSamplesProperty().set(3));
        edits.put("ratio kind local", v -> v.ratioKindProperty().set("local"));
        edits.put("method depth", v -> v.methodProperty().set("depth"));
        edits.put("depth criterion ppl", v -> v.depthCriterionProperty().set("ppl"));
        edits.put("depth, ratio kind global", v -> v.ratioKindProperty().set("global"));
        edits.put("method block", v -> v.methodProperty().set("block"));
        int layers = vm.checkpointProperty().get().layout().size();
        for (Map.Entry<String, Consumer<PruningViewModel>> e : edits.entrySet()) {
            e.getValue().accept(vm);
            String step = e.getKey();
            ProjectFile run = panels.saved(pf);
            PruningConfig runConfig = ProjectMapping.pruning(run, layers);
            assertEquals(runConfig, vm.previewConfig(), step + ": the preview's configuration is the run's");
            LayerLayout runWidths;
            try {
                runWidths = PruneJob.plan(run.checkpointPath(), runConfig).layoutAfter();
            } catch (UserInputException refused) {
                assertEquals(refused.getMessage(), vm.errorProperty().get(), step + ": the run's refusal is shown");
                assertNull(vm.planProperty().get(), step);
                continue;
            }
            assertEquals("", vm.errorProperty().get(), step);
            assertEquals(runWidths, vm.planProperty().get(), step + ": the previewed widths are the run's");
        }
        PruningConfig last = vm.previewConfig();
        assertEquals(pf.folder().resolve("../model/data/calibration.txt").normalize(), last.calibrationText(),
                "calibration resolved against the project folder");
        assertEquals(7, last.seed(), "the section's seed");
        assertEquals(dev.rankadaptor.prune.DepthCriterion.PERPLEXITY, last.depthCriterion());
        assertEquals(List.of(0, -1), panels.saved(pf).project().pruning().protectedLayers(),
                "the file's way of writing the protected layers is kept");
    }

    @Test
    void thePaperPresetsRatiosShowInThePreviewOnPaperShapes(@TempDir Path tmp) {
        LlamaConfig llama7b = new LlamaConfig(4096, 11008, 32, 32, 32, 32000, 128, 1e-6, 10000, false, 2048, 0, 1, "float16");
        Project p = Project.withDefaults("7b", "model", "data/calibration.txt", "data/recovery_alpaca.json", "data/tasks");
        ProjectFile pf = new ProjectFile(tmp.resolve("project.json"), p);
        Panels panels = Panels.of(pf);
        PruningViewModel vm = panels.pruning();
        vm.checkpointProperty().set(new CheckpointSummary(tmp.resolve("model"), llama7b, llama7b.nominalLayout()));
        assertEquals(4, vm.firstPrunableProperty().get());
        assertEquals(29, vm.lastPrunableProperty().get());
        for (double ratio : new double[] {0.2, 0.25, 0.5, 0.33}) {
            vm.ratioProperty().set(ratio);
            PruningConfig run = ProjectMapping.pruning(panels.saved(pf), 32);
            assertEquals(run, vm.previewConfig(), "global " + ratio);
            LayerLayout runWidths = PrunedWidths.plan(run, llama7b, llama7b.nominalLayout(), 4).layoutAfter();
            assertEquals(runWidths, vm.planProperty().get(), "global " + ratio);
        }
        vm.ratioProperty().set(0.2);
        assertEquals(0.25, vm.previewConfig().localRatio(), 1e-12, "the paper's 25% of layers 5-30 for 20% of all parameters");
    }

    @Test
    void aProtectedListThatDoesNotFitTheModelIsTheRunsMessage(@TempDir Path tmp) {
        Project d = Project.withDefaults("x", "model", "data/calibration.txt", "data/recovery_alpaca.json", "data/tasks");
        PruningSection ps = d.pruning().withProtectedLayers(List.of(0, 9));
        Project p = new Project(d.name(), d.checkpoint(), ps, d.recovery(), d.search(), d.evaluation(), d.baselines(),
                d.device(), d.seed(), d.preset(), d.execution());
        ProjectFile pf = new ProjectFile(tmp.resolve("project.json"), p);
        Panels panels = Panels.of(pf);
        LlamaConfig tiny = new LlamaConfig(32, 64, 4, 2, 4, 100, 8, 1e-5, 10000.0, false, 256, 1, 2, "float32");
        panels.pruning().checkpointProperty().set(new CheckpointSummary(tmp, tiny, tiny.nominalLayout()));
        UserInputException run = assertThrows(UserInputException.class, () -> ProjectMapping.pruning(pf, 4));
        assertEquals(run.getMessage(), panels.pruning().errorProperty().get());
        assertNull(panels.pruning().planProperty().get());
    }
}

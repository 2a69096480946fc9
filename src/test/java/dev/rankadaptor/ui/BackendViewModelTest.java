package dev.rankadaptor.ui;

import dev.rankadaptor.search.TrialPhase;
import dev.rankadaptor.checkpoint.LlamaConfig;
import dev.rankadaptor.common.InvalidFieldException;
import dev.rankadaptor.experiment.JournalRecord;
import dev.rankadaptor.experiment.LossSummary;
import dev.rankadaptor.experiment.MethodRow;
import dev.rankadaptor.experiment.Project;
import dev.rankadaptor.experiment.ResultsTable;
import dev.rankadaptor.experiment.RecoveryMethod;
import dev.rankadaptor.reference.PaperReference;
import dev.rankadaptor.search.RankImportance;
import dev.rankadaptor.search.ModelUpdate;
import dev.rankadaptor.train.TrainingListener;
import dev.rankadaptor.ui.backend.JournalRows;
import dev.rankadaptor.ui.backend.ProjectSession;
import dev.rankadaptor.ui.backend.RunFeed;
import dev.rankadaptor.ui.backend.ShapePlanner;
import dev.rankadaptor.checkpoint.CheckpointSummary;
import dev.rankadaptor.ui.exec.SameThreadUiExecutor;
import dev.rankadaptor.ui.pruning.PruningViewModel;
import dev.rankadaptor.ui.recovery.RecoverySearchViewModel;
import dev.rankadaptor.ui.results.ResultsRow;
import dev.rankadaptor.ui.run.RunController;
import dev.rankadaptor.ui.workbench.WorkbenchViewModel;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/** The back-end adapters' logic without a Stage: shape plans, project form mapping, run feed, result rows. */
class BackendViewModelTest {
    static final LlamaConfig TINY = new LlamaConfig(32, 64, 4, 2, 4, 100, 8, 1e-5, 10000.0, false, 256, 1, 2, "float32");

    /** A run controller that does nothing (view-model tests that never start a run). */
    static RunController idle() {
        return new RunController() {
            public void start(boolean resume) { }
            public void pause() { }
            public void resume() { }
            public void stop() { }
            public void cancel() { }
        };
    }

    @Test
    void thePlanFollowsRatioAndProtectedLayers() {
        PruningViewModel vm = new PruningViewModel(new SameThreadUiExecutor(), new ShapePlanner());
        vm.ratioKindProperty().set("local");
        vm.ratioProperty().set(0.5);
        vm.checkpointProperty().set(new CheckpointSummary(Path.of("m"), TINY, TINY.nominalLayout()));
        // the pruner's default for 4 layers protects the first and the last
        assertArrayEquals(new int[] {0, 3}, PruningViewModel.defaultProtected(4));
        assertEquals(1, vm.firstPrunableProperty().get());
        assertEquals(2, vm.lastPrunableProperty().get());
        assertNotNull(vm.planProperty().get(), vm.errorProperty().get());
        long half = vm.parametersAfter();
        assertTrue(half < vm.parametersBefore());
        assertEquals(32, vm.planProperty().get().layer(1).mlpWidth(), "half of 64 MLP channels kept");
        assertEquals(64, vm.planProperty().get().layer(0).mlpWidth(), "protected layer untouched");
        vm.ratioTextProperty().set("0.25");
        assertTrue(vm.parametersAfter() > half, "a smaller ratio keeps more");
        vm.setProtectedLayers(new int[] {0, 1, 3});
        assertEquals(2, vm.firstPrunableProperty().get());
        assertEquals(64, vm.planProperty().get().layer(1).mlpWidth(), "layer 1 now protected");
        vm.ratioTextProperty().set("1.5");
        assertNull(vm.planProperty().get());
        assertTrue(vm.errorProperty().get().contains("pruning.ratio"), vm.errorProperty().get());
    }

    @Test
    void projectFormRoundTripsAndNamesBadFields() {
        Project p = Project.withDefaults("demo", ".", "data/cal.txt", "data/rec.json", "data/tasks");
        PruningViewModel pruning = new PruningViewModel(new SameThreadUiExecutor(), null);
        RecoverySearchViewModel recovery = new RecoverySearchViewModel();
        ProjectSession.fillPanels(p, pruning, recovery);
        assertEquals(p, ProjectSession.buildProject(p, pruning, recovery), "loading then saving changes nothing");
        recovery.field("maxTrials").set("40");
        recovery.field("learningRate").set("3e-4");
        Project edited = ProjectSession.buildProject(p, pruning, recovery);
        assertEquals(40, edited.search().maxTrials());
        assertEquals(3e-4, edited.recovery().lr(), 1e-12);
        assertEquals(p.evaluation(), edited.evaluation(), "fields the panels do not edit are kept");
        recovery.field("maxTrials").set("many");
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> ProjectSession.buildProject(p, pruning, recovery));
        assertTrue(e.getMessage().startsWith("search.max_trials"), e.getMessage());
    }

    private static JournalRecord.TrialFinished finished(int index, RecoveryMethod method, TrialPhase phase, double score, Double predicted) {
        return new JournalRecord.TrialFinished(index, phase, method, List.of(4, 2, 6, 4), 1, predicted, score,
                Map.of("boolq", score), new LossSummary(2.0, 1.0, 1.0, 3), 1.0, 0.5, "cpu");
    }

    @Test
    void theRunFeedTurnsWorkerCallbacksIntoViewModelUpdates() {
        WorkbenchViewModel vm = new WorkbenchViewModel(new SameThreadUiExecutor(), PaperReference.bundled(), idle());
        AtomicInteger shown = new AtomicInteger();
        AtomicInteger paused = new AtomicInteger();
        RunFeed feed = new RunFeed(vm.executor(), vm, 10, 0, t -> shown.incrementAndGet());
        feed.setOnPaused(paused::incrementAndGet);
        feed.setSearchedLayers(new dev.rankadaptor.recover.PrunableLayers(new int[] {1, 2}, 8, 4));
        feed.trialStarted(new JournalRecord.TrialStarted(0, TrialPhase.INITIAL, RecoveryMethod.RANKADAPTOR, List.of(4, 2, 6, 4), 1, null));
        for (int s = 1; s <= 3; s++) {
            feed.trainingStep(0, new TrainingListener.StepEvent(s, 3, 2.0 / s, 1e-3, 1, 100));
        }
        assertEquals(3, vm.loss().size());
        assertEquals(0, vm.loss().trialProperty().get());
        feed.trialFinished(finished(0, RecoveryMethod.RANKADAPTOR, TrialPhase.INITIAL, 0.5, null));
        feed.trialFinished(finished(1, RecoveryMethod.RANKADAPTOR, TrialPhase.SEARCH, 0.6, 0.55));
        feed.trialFinished(finished(2, RecoveryMethod.LORA_UNIFORM, TrialPhase.REPEAT, 0.4, null));
        feed.modelUpdated(new ModelUpdate(2, new int[] {0, 1}, new double[] {0.5, 0.6}, new double[] {0.5, 0.6},
                new RankImportance(new double[] {0.1, 0.3}, new double[] {0.1, -0.3}, 10), 1e-4, 5));
        feed.paused("paused before rankadaptor trial 3");
        assertEquals(2, vm.trials().trials().size(), "search trials only");
        assertEquals(0.55, vm.trials().trials().get(1).getPredicted(), 1e-12);
        assertEquals(0.4, vm.charts().baselines().get(RecoveryMethod.LORA_UNIFORM.id()), 1e-12);
        assertArrayEquals(new double[] {0, 0.1, 0.3, 0}, vm.charts().importanceProperty().get(), "per model layer, protected 0");
        assertEquals(3, shown.get());
        assertEquals(1, paused.get());
        assertEquals(0.3, vm.run().progressProperty().get(), 1e-9);
        assertFalse(vm.run().etaProperty().get().isEmpty());
    }

    @Test
    void aTrialTrainedInAWorkerShowsItsLossHistoryFromTheRunFolder(@org.junit.jupiter.api.io.TempDir Path run) throws Exception {
        WorkbenchViewModel vm = new WorkbenchViewModel(new SameThreadUiExecutor(), PaperReference.bundled(), idle());
        RunFeed feed = new RunFeed(vm.executor(), vm, 10, 0, t -> { });
        feed.setRun(run, null);
        java.nio.file.Files.createDirectories(dev.rankadaptor.experiment.TrialLossHistory.file(run, 3).getParent());
        new dev.rankadaptor.experiment.TrialLossHistory(3, new double[] {3.0, 2.5, 2.25, 2.0})
                .write(dev.rankadaptor.experiment.TrialLossHistory.file(run, 3));
        feed.trialStarted(new JournalRecord.TrialStarted(3, TrialPhase.SEARCH, RecoveryMethod.RANKADAPTOR, List.of(4, 2, 6, 4), 1, 0.5));
        assertEquals(0, vm.loss().size(), "no steps reach the coordinator from a worker");
        feed.trialFinished(finished(3, RecoveryMethod.RANKADAPTOR, TrialPhase.SEARCH, 0.6, 0.5));
        assertEquals(3, vm.loss().trialProperty().get());
        assertArrayEquals(new double[] {1, 2, 3, 4}, vm.loss().pointsProperty().get()[0]);
        assertArrayEquals(new double[] {3.0, 2.5, 2.25, 2.0}, vm.loss().pointsProperty().get()[1]);
    }

    @Test
    void resultRowsGoIntoThePapersTaskColumnsInPercent() {
        List<String> tasks = List.of("boolq", "arc_easy");
        MethodRow ra = MethodRow.measured(RecoveryMethod.RANKADAPTOR.id(), null, tasks,
                List.of(Map.of("boolq", 0.6, "arc_easy", 0.4), Map.of("boolq", 0.7, "arc_easy", 0.5)));
        List<ResultsRow> rows = dev.rankadaptor.ui.results.ResultsViewModel.ownRows(new ResultsTable(tasks, List.of(ra)),
                PaperReference.bundled().tables().tasks());
        assertEquals(1, rows.size());
        ResultsRow r = rows.get(0);
        List<String> paper = PaperReference.bundled().tables().tasks();
        assertEquals(65.0, r.scores()[paper.indexOf("BoolQ")], 1e-9);
        assertEquals(45.0, r.scores()[paper.indexOf("ARC-e")], 1e-9);
        assertTrue(Double.isNaN(r.scores()[paper.indexOf("PIQA")]), "a task the run did not evaluate stays empty");
        assertEquals(55.0, r.average(), 1e-9);
        assertFalse(r.reference());
        assertTrue(r.std()[paper.indexOf("BoolQ")] > 0, "repeats give a noise estimate");
    }
}

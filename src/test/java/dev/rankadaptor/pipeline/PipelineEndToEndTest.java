package dev.rankadaptor.pipeline;

import dev.rankadaptor.search.TrialPhase;
import dev.rankadaptor.experiment.RecoveryMethod;
import dev.rankadaptor.experiment.JournalRecord;
import dev.rankadaptor.experiment.ProjectFile;
import dev.rankadaptor.experiment.ResultsFile;
import dev.rankadaptor.experiment.ResultsTable;
import dev.rankadaptor.experiment.RunDirectory;
import dev.rankadaptor.experiment.JournalState;
import dev.rankadaptor.experiment.RunStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PipelineEndToEndTest {
    @Test
    void aWholeRunWritesJournalResultsAndAdaptersAndAResumeChangesNothing(@TempDir Path tmp) throws Exception {
        ProjectFile pf = TinyProjectFixture.create(tmp.resolve("proj"), 4, 2, List.of("lora_uniform", "lora_star", "adalora", "random_search"));
        Path runPath;
        try (RunDirectory dir = RunDirectory.create(pf)) {
            runPath = dir.path();
            RunOutcome out = new RunOrchestrator(dir, RunListener.NONE, null).run();
            assertEquals(RunOutcome.Status.FINISHED, out.status(), out.message());
        }
        try (RunDirectory dir = RunDirectory.open(runPath)) {
            JournalState state = dir.replay();
            assertEquals(RunStatus.FINISHED, state.status());
            long search = state.finished().stream().filter(t -> t.method().equals(RecoveryMethod.RANKADAPTOR) && t.phase() != TrialPhase.REPEAT).count();
            assertEquals(5, search, "max_trials search trials (noise trials included) and the model's pick");
            assertEquals(1, state.finished().stream().filter(t -> t.method().equals(RecoveryMethod.RANKADAPTOR) && t.phase() == TrialPhase.PICK).count());
            assertTrue(state.finished().stream().anyMatch(t -> t.phase() == TrialPhase.NOISE), "noise trials re-measure a configuration");
            long random = state.finished().stream().filter(t -> t.method().equals(RecoveryMethod.RANDOM_SEARCH) && t.phase() != TrialPhase.REPEAT).count();
 assertEquals(search - 1, random, "random search gets the same trial budget");
            for (RecoveryMethod m : List.of(RecoveryMethod.RANKADAPTOR, RecoveryMethod.RANKADAPTOR_PICK, RecoveryMethod.LORA_UNIFORM, RecoveryMethod.LORA_STAR, RecoveryMethod.ADALORA, RecoveryMethod.RANDOM_SEARCH)) {
                assertEquals(2, state.finished().stream().filter(t -> t.phase() == TrialPhase.REPEAT && t.method().equals(m)).count(), m.id());
            }
            JournalRecord.TrialFinished uniform = state.finished().stream()
                    .filter(t -> t.method().equals(RecoveryMethod.LORA_UNIFORM)).findFirst().orElseThrow();
            assertEquals(List.of(4, 4, 4, 4), uniform.ranks());
            // protected layers 0 and 3 keep the base rank in every search trial
            for (JournalRecord.TrialFinished t : state.finished()) {
                if (t.method().equals(RecoveryMethod.RANKADAPTOR)) {
                    assertEquals(4, t.ranks().get(0));
                    assertEquals(4, t.ranks().get(3));
                }
            }
            ResultsTable table = ResultsFile.read(dir.resultsFile());
            assertNotNull(table.row(RecoveryMethod.NO_RECOVERY.id()));
            assertEquals(2, table.row(RecoveryMethod.RANKADAPTOR.id()).repeats());
            assertEquals(2, table.row(RecoveryMethod.RANKADAPTOR_PICK.id()).repeats());
            // parameter column: uniform LoRA is 100 %, no recovery 0, every searched configuration within the default budget
            assertEquals(100.0, table.row(RecoveryMethod.LORA_UNIFORM.id()).parameters().percent(), 1e-9);
            assertEquals(0, table.row(RecoveryMethod.NO_RECOVERY.id()).parameters().count());
            for (RecoveryMethod m : List.of(RecoveryMethod.RANKADAPTOR, RecoveryMethod.RANKADAPTOR_PICK, RecoveryMethod.RANDOM_SEARCH)) {
                assertTrue(table.row(m.id()).parameters().percent() <= 100.0 + 1e-9, m.id());
            }
            assertTrue(Files.readString(dir.path().resolve("results.md")).contains("Params (% LoRA)"));
            var power = ResultsFile.readPredictivePower(dir.resultsFile());
            assertNotNull(power, "results.json holds the model's predictive power");
            assertTrue(power.crossValidated().n() >= 5);
            assertTrue(power.noise().degreesOfFreedom() >= 1, "noise trials give a noise estimate");
            assertTrue(Files.readString(dir.path().resolve("results.md")).contains("predictive power"));
            assertTrue(Files.isRegularFile(dir.path().resolve("results.tex")));
            assertTrue(Files.isRegularFile(dir.adapterDir(RecoveryMethod.RANKADAPTOR.id()).resolve("adapter_config.json")));
            assertTrue(Files.isRegularFile(dir.prunedDir().resolve("model.safetensors")));
            // selection apart from the report: the recorded parts are disjoint, and the no-recovery row was
            // scored on the report part (final subset first 8 of it)
            var split = dev.rankadaptor.experiment.ItemSplit.read(dir.path().resolve(dev.rankadaptor.experiment.ItemSplit.FILE));
            for (var t : split.tasks()) {
                java.util.Set<Integer> shared = new java.util.HashSet<>(t.selection());
                shared.retainAll(t.report());
                assertTrue(shared.isEmpty(), t.task() + " shares " + shared);
            }
            var none = dev.rankadaptor.eval.EvalReport.read(dir.path().resolve(NoRecoveryStage.FILE));
            assertEquals(split.task("boolq").report().size(), none.tasks().get(0).available());
            int before = state.finished().size();
            RunOutcome again = new RunOrchestrator(dir, RunListener.NONE, null).run();
            assertEquals(RunOutcome.Status.FINISHED, again.status());
            assertEquals(before, dir.replay().finished().size(), "resuming a finished run re-runs nothing");
        }
    }
}

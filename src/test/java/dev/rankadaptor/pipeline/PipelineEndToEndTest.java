package dev.rankadaptor.pipeline;

import dev.rankadaptor.experiment.JournalRecord;
import dev.rankadaptor.experiment.ProjectFile;
import dev.rankadaptor.experiment.ResultsFile;
import dev.rankadaptor.experiment.ResultsTable;
import dev.rankadaptor.experiment.RunDirectory;
import dev.rankadaptor.experiment.RunState;
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
            RunState state = dir.replay();
            assertEquals(RunStatus.FINISHED, state.status());
            long search = state.finished().stream().filter(t -> t.method().equals(Methods.RANKADAPTOR) && !t.phase().equals("repeat")).count();
            assertEquals(4, search, "max_trials search trials");
            long random = state.finished().stream().filter(t -> t.method().equals(Methods.RANDOM_SEARCH) && !t.phase().equals("repeat")).count();
            assertEquals(search, random, "random search gets the same trial budget");
            for (String m : List.of(Methods.RANKADAPTOR, Methods.LORA_UNIFORM, Methods.LORA_STAR, Methods.ADALORA, Methods.RANDOM_SEARCH)) {
                assertEquals(2, state.finished().stream().filter(t -> t.phase().equals("repeat") && t.method().equals(m)).count(), m);
            }
            JournalRecord.TrialFinished uniform = state.finished().stream()
                    .filter(t -> t.method().equals(Methods.LORA_UNIFORM)).findFirst().orElseThrow();
            assertEquals(List.of(4, 4, 4, 4), uniform.ranks());
            // protected layers 0 and 3 keep the base rank in every search trial
            for (JournalRecord.TrialFinished t : state.finished()) {
                if (t.method().equals(Methods.RANKADAPTOR)) {
                    assertEquals(4, t.ranks().get(0));
                    assertEquals(4, t.ranks().get(3));
                }
            }
            ResultsTable table = ResultsFile.read(dir.resultsFile());
            assertNotNull(table.row(Methods.NO_RECOVERY));
            assertEquals(2, table.row(Methods.RANKADAPTOR).repeats());
            assertTrue(Files.isRegularFile(dir.path().resolve("results.tex")));
            assertTrue(Files.isRegularFile(dir.adapterDir(Methods.RANKADAPTOR).resolve("adapter_config.json")));
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

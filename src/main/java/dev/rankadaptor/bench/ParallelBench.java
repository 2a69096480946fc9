package dev.rankadaptor.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rankadaptor.execution.TrialBackends;
import dev.rankadaptor.experiment.ExecutionBackend;
import dev.rankadaptor.experiment.ExecutionSection;
import dev.rankadaptor.experiment.JournalEntry;
import dev.rankadaptor.experiment.JournalReader;
import dev.rankadaptor.experiment.JournalRecord;
import dev.rankadaptor.experiment.MethodRow;
import dev.rankadaptor.experiment.NoiseComparison;
import dev.rankadaptor.experiment.Project;
import dev.rankadaptor.experiment.ProjectFile;
import dev.rankadaptor.experiment.ResultsTable;
import dev.rankadaptor.experiment.RunDirectory;
import dev.rankadaptor.experiment.RecoveryMethod;
import dev.rankadaptor.pipeline.RunListener;
import dev.rankadaptor.pipeline.RunOrchestrator;
import dev.rankadaptor.pipeline.RunOutcome;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The demo search with 1 and then 2 local workers (one PyTorch thread each), the same trial budget
 * (max_trials search trials, no time budget or early convergence, no baselines, the RankAdaptor
 * repeats): wall-clock of the trials (first trial_started to the last trial's end, from the journal)
 * and their ratio, the most trials in flight at once, and whether the 2-worker RankAdaptor result is
 * within the repeats' noise of the 1-worker one (docs/statistics.md rule).
 */
public final class ParallelBench {
    private ParallelBench() {
    }

    private record Measured(double seconds, int trials, int mostInFlight, MethodRow rankAdaptor) {
    }

    public static String run(Path demoProject, Path workDir) {
        ProjectFile demo = ProjectFile.read(demoProject);
        StringBuilder out = new StringBuilder();
        Measured one = measure(demo, workDir.resolve("workers-1"), 1);
        out.append(line(1, one));
        Measured two = measure(demo, workDir.resolve("workers-2"), 2);
        out.append(line(2, two));
        NoiseComparison c = NoiseComparison.of(ResultsTable.AVERAGE, two.rankAdaptor().average(), one.rankAdaptor().average());
        out.append(String.format("speed-up 2 vs 1 workers: %.2fx (target >= 1.7x); RankAdaptor average 2 workers %.4f vs 1 worker %.4f:"
                        + " difference %+.4f, Welch p %s -> %s%n",
                one.seconds() / two.seconds(), two.rankAdaptor().average().mean(), one.rankAdaptor().average().mean(),
                c.difference(), c.pValue() == null ? "unknown" : String.format("%.3f", c.pValue()),
                c.verdict().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')));
        return out.toString();
    }

    private static String line(int workers, Measured m) {
        return String.format("%d worker%s: %d trials in %.1f s, at most %d in flight%n", workers, workers == 1 ? "" : "s",
                m.trials(), m.seconds(), m.mostInFlight());
    }

    /** The demo project as the bench runs it: absolute paths, fixed trial budget, local workers on CPU slots. */
    static ProjectFile variant(ProjectFile demo, Path folder, int workers) {
        ObjectMapper json = new ObjectMapper();
        try {
            ObjectNode t = (ObjectNode) json.readTree(ProjectFile.toJson(demo.project()));
            t.put("checkpoint", demo.checkpointPath().toString());
            ((ObjectNode) t.get("pruning")).put("calibration_file", demo.calibrationPath().toString());
            ((ObjectNode) t.get("recovery")).put("data_file", demo.recoveryDataPath().toString());
            ((ObjectNode) t.get("evaluation")).put("task_folder", demo.taskFolderPath().toString());
            ObjectNode s = (ObjectNode) t.get("search");
            s.put("time_budget_minutes", 0.0);
            s.put("convergence_consecutive", 1000);
            t.putArray("baselines");
            t.remove("execution");
            Project p = ProjectFile.parse(json.writeValueAsString(t), folder.resolve("project.json"));
            List<String> devices = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                devices.add("cpu");
            }
            p = p.withExecution(new ExecutionSection(ExecutionBackend.LOCAL, workers, devices, 1, null));
            return ProjectFile.write(folder.resolve("project.json"), p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Measured measure(ProjectFile demo, Path folder, int workers) {
        ProjectFile pf = variant(demo, folder, workers);
        try (RunDirectory dir = RunDirectory.create(pf)) {
            RunOutcome out = new RunOrchestrator(dir, RunListener.NONE, null, TrialBackends::open).run();
            if (out.status() != RunOutcome.Status.FINISHED) {
                throw new IllegalStateException("the " + workers + "-worker run ended " + out.status() + ": " + out.message());
            }
            List<JournalEntry> entries = JournalReader.read(dir.journalFile()).entries();
            Instant first = null;
            Instant last = null;
            int trials = 0;
            int most = 0;
            Set<Integer> running = new HashSet<>();
            for (JournalEntry e : entries) {
                JournalRecord r = e.record();
                if (r instanceof JournalRecord.TrialStarted && first == null) {
                    first = Instant.parse(e.time());
                } else if (r instanceof JournalRecord.TrialDispatched d) {
                    running.add(d.index());
                    most = Math.max(most, running.size());
                } else if (r instanceof JournalRecord.TrialFinished f) {
                    running.remove(f.index());
                    trials++;
                    last = Instant.parse(e.time());
                }
            }
            double seconds = Duration.between(first, last).toMillis() / 1000.0;
            return new Measured(seconds, trials, most, out.results().row(RecoveryMethod.RANKADAPTOR.id()));
        }
    }
}

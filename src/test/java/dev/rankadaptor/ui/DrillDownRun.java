package dev.rankadaptor.ui;

import dev.rankadaptor.experiment.Journal;
import dev.rankadaptor.experiment.JournalRecord;
import dev.rankadaptor.experiment.LossSummary;
import dev.rankadaptor.experiment.Project;
import dev.rankadaptor.experiment.ProjectFile;
import dev.rankadaptor.experiment.RunDirectory;
import dev.rankadaptor.experiment.TrialLossHistory;

import dev.rankadaptor.search.TrialPhase;
import dev.rankadaptor.experiment.RecoveryMethod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run folder written by the experiment layer's own writers (run directory, journal, loss history,
 * an attempt log as a worker leaves it) with three search trials, for the drill-down and notes tests.
 * Trial 1 ran in a worker (dispatched, log file); trials 0 and 2 in the run's process.
 */
final class DrillDownRun {
    static final double[] LOSSES = {2.5, 2.1, 1.8, 1.7, 1.65};

    private DrillDownRun() {
    }

    static Path create(Path root) throws Exception {
        Path folder = Files.createDirectories(root.resolve("proj"));
        Files.createDirectories(folder.resolve("model"));
        Files.writeString(folder.resolve("model/config.json"), "{\"num_hidden_layers\": 4}");
        Files.createDirectories(folder.resolve("data"));
        Files.writeString(folder.resolve("data/calibration.txt"), "some calibration text");
        Project p = Project.withDefaults("drill", "model", "data/calibration.txt", "data/recovery.json", "data/tasks");
        ProjectFile pf = ProjectFile.write(folder.resolve("project.json"), p);
        try (RunDirectory run = RunDirectory.create(pf); Journal j = run.openJournal()) {
            j.append(new JournalRecord.RunStarted(run.id(), "hash", new dev.rankadaptor.experiment.Versions("17", "0.33", "2.5", "linux", "h")));
            trial(j, 0, "initial", List.of(8, 8, 8, 8), 11L, null, 0.50);
            j.append(new JournalRecord.TrialStarted(1, TrialPhase.SEARCH, RecoveryMethod.RANKADAPTOR, List.of(4, 12, 6, 10), 1234L, 0.61));
            j.append(new JournalRecord.TrialDispatched(1, 1, "local", "4242", "cuda:0"));
            Files.createDirectories(run.trialDir(1));
            StringBuilder log = new StringBuilder();
            for (int i = 1; i <= 60; i++) {
                log.append("worker line ").append(i).append('\n');
            }
            Files.writeString(run.trialLogFile(1, 1), log);
            new TrialLossHistory(1, LOSSES).write(TrialLossHistory.file(run.path(), 1));
            j.append(finished(1, "search", List.of(4, 12, 6, 10), 1234L, 0.61, 0.6345));
            trial(j, 2, "search", List.of(12, 4, 4, 12), 99L, 0.55, 0.52);
            return run.path();
        }
    }

    private static void trial(Journal j, int index, String phase, List<Integer> ranks, long seed, Double predicted, double score) {
        j.append(new JournalRecord.TrialStarted(index, TrialPhase.fromId(phase), RecoveryMethod.RANKADAPTOR, ranks, seed, predicted));
        j.append(finished(index, phase, ranks, seed, predicted, score));
    }

    private static JournalRecord.TrialFinished finished(int index, String phase, List<Integer> ranks, long seed, Double predicted,
                                                        double score) {
        Map<String, Double> tasks = new LinkedHashMap<>();
        tasks.put("boolq", score + 0.05);
        tasks.put("piqa", score - 0.05);
        return new JournalRecord.TrialFinished(index, TrialPhase.fromId(phase), RecoveryMethod.RANKADAPTOR, ranks, seed, predicted, score, tasks,
                new LossSummary(2.5, 1.65, 1.65, 5), 3.5, 1.5, "cpu");
    }
}

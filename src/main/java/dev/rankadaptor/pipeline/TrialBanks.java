package dev.rankadaptor.pipeline;

import dev.rankadaptor.experiment.JournalRecord;
import dev.rankadaptor.experiment.ProjectFile;
import dev.rankadaptor.search.TrialBank;
import dev.rankadaptor.search.TrialPhase;
import dev.rankadaptor.search.TrialRecord;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the meta-learning trial bank from the journals the project lists: every finished search
 * trial of a model with the same layer count, grouped by source journal, ranks cut to the current
 * prunable layers. Sources are standardised separately by the meta-learner.
 */
final class TrialBanks {
    private TrialBanks() {
    }

    static TrialBank load(ProjectFile pf, int[] prunable, int layers) {
        List<Path> paths = pf.trialBankPaths();
        if (paths.isEmpty()) {
            return TrialBank.empty();
        }
        var result = dev.rankadaptor.experiment.TrialBank.read(paths);
        Map<String, List<TrialRecord>> bySource = new LinkedHashMap<>();
        for (var e : result.entries()) {
            JournalRecord.TrialFinished t = e.trial();
            if (t.ranks().size() != layers || t.phase().equals("repeat")) {
                continue;
            }
            int[] full = t.rankArray();
            int[] local = new int[prunable.length];
            for (int i = 0; i < prunable.length; i++) {
                local[i] = full[prunable[i]];
            }
            List<TrialRecord> list = bySource.computeIfAbsent(e.source().toString(), k -> new ArrayList<>());
            list.add(new TrialRecord(list.size(), TrialPhase.INITIAL, local, t.seed(), Double.NaN, t.score(), t.taskScores(), 0));
        }
        List<TrialBank.Source> sources = new ArrayList<>();
        bySource.forEach((name, trials) -> sources.add(new TrialBank.Source(name, trials)));
        return new TrialBank(sources);
    }
}

package dev.rankadaptor.pipeline;

import dev.rankadaptor.recover.PrunableLayers;
import dev.rankadaptor.experiment.ProjectFile;
import dev.rankadaptor.search.TrialBank;
import dev.rankadaptor.search.TrialPhase;
import dev.rankadaptor.search.TrialRecord;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the meta-learning trial bank from what the project lists ({@link BankGroups}: earlier runs'
 * journals and published records): every measurement of a model with the same layer count, one source
 * per journal or published group, ranks cut to the current prunable layers, scored by the project's
 * target (the evaluation tasks' mean or the one target task). Sources are standardised separately by
 * the meta-learner.
 */
final class TrialBanks {
    private TrialBanks() {
    }

    static TrialBank load(ProjectFile pf, PrunableLayers prunable) {
        List<Path> paths = pf.trialBankPaths();
        if (paths.isEmpty()) {
            return TrialBank.empty();
        }
        var search = pf.project().search();
        List<String> target = search.targetsAverage() ? pf.project().evaluation().tasks() : List.of(search.targetScore());
        List<TrialBank.Source> sources = new ArrayList<>();
        for (BankGroups.Group g : BankGroups.load(paths, target)) {
            List<TrialRecord> list = new ArrayList<>();
            for (int i = 0; i < g.ranks().size(); i++) {
                int[] full = g.ranks().get(i);
                if (full.length != prunable.layerCount()) {
                    continue;
                }
                list.add(new TrialRecord(list.size(), TrialPhase.INITIAL, prunable.toLocal(full), 0, Double.NaN, g.scores().get(i), Map.of(), 0));
            }
            if (!list.isEmpty()) {
                sources.add(new TrialBank.Source(g.name(), list));
            }
        }
        return new TrialBank(sources);
    }
}

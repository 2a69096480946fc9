package dev.rankadaptor.pipeline;

import dev.rankadaptor.recover.PrunableLayers;
import dev.rankadaptor.search.TrialPhase;
import dev.rankadaptor.experiment.RecoveryMethod;
import dev.rankadaptor.experiment.JournalRecord;
import dev.rankadaptor.experiment.ProjectFile;
import dev.rankadaptor.experiment.JournalState;
import dev.rankadaptor.search.ModelCheck;
import dev.rankadaptor.search.PredictivePower;
import dev.rankadaptor.search.RankSpace;
import dev.rankadaptor.search.SearchConfig;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The performance model's predictive power on one run, from its journal: the predictions RankAdaptor made
 * before its model-guided trials (and the pick) against their measurements, and k-fold cross-validation of
 * the model and the two baselines on every search-items trial of the run (RankAdaptor's and random
 * search's; a measurement reused between them counts once). Ranks are cut to the prunable layers, the
 * space the model searches.
 */
final class PredictivePowerStage {

    private PredictivePowerStage() {
    }

    /** Null when the run has fewer than two search trials. */
    static PredictivePower compute(JournalState state, ProjectFile pf) {
        List<int[]> ranks = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        List<Double> before = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        PrunableLayers prunable = null;
        for (JournalRecord.TrialFinished t : state.finished()) {
            boolean ours = t.method() == RecoveryMethod.RANKADAPTOR || t.method() == RecoveryMethod.RANDOM_SEARCH;
            if (!ours || !TrialPhase.SEARCH_ITEM_PHASES.contains(t.phase()) || !seen.add(t.ranks() + "@" + t.seed())) {
                continue;
            }
            if (prunable == null) {
                prunable = ProjectMapping.prunableLayers(pf.project(), t.ranks().size());
            }
            ranks.add(prunable.toLocal(t.rankArray()));
            scores.add(t.score());
            before.add(t.method() == RecoveryMethod.RANKADAPTOR && t.predicted() != null ? t.predicted() : Double.NaN);
        }
        if (ranks.size() < 2 || prunable.size() == 0) {
            return null;
        }
        RankSpace space = new RankSpace(prunable.size(), pf.project().search().candidateRanks());
        SearchConfig cfg = ProjectMapping.search(pf.project().search(), pf.project().seed());
        return ModelCheck.of(space, cfg.model(), cfg.seed(), ranks, scores.stream().mapToDouble(Double::doubleValue).toArray(),
                before.stream().mapToDouble(Double::doubleValue).toArray(), ModelCheck.DEFAULT_FOLDS);
    }
}

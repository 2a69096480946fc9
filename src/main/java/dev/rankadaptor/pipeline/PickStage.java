package dev.rankadaptor.pipeline;

import dev.rankadaptor.common.CancelledException;
import dev.rankadaptor.experiment.JournalRecord;
import dev.rankadaptor.experiment.RunState;
import dev.rankadaptor.search.ModelPick;
import dev.rankadaptor.search.ParameterBudget;
import dev.rankadaptor.search.RankSpace;
import dev.rankadaptor.search.SearchConfig;
import dev.rankadaptor.search.SearchControl;
import dev.rankadaptor.search.SearchResult;
import dev.rankadaptor.search.TrialPhase;
import dev.rankadaptor.search.TrialRecord;

import java.util.Arrays;
import java.util.Locale;

/**
 * The Convergence phase after the search loop: the converged performance model picks R* among many
 * candidates ({@link ModelPick}) and R* is measured once on the search items (journal phase "pick",
 * method rankadaptor). On resume the journalled pick is reused, never chosen again.
 */
final class PickStage {
    static final String PHASE = TrialPhase.PICK.name().toLowerCase(Locale.ROOT);

    private PickStage() {
    }

    /** R* as a rank per layer, or null when the search never fitted a model (too few trials). */
    static int[] ensure(RunState state, RankSpace space, SearchConfig cfg, ParameterBudget budget, SearchResult search,
                        SearchJournalBridge ra, RunContext ctx, SearchControl control) {
        for (JournalRecord.TrialFinished t : state.finished()) {
            if (PHASE.equals(t.phase()) && Methods.RANKADAPTOR.equals(t.method())) {
                return t.rankArray();
            }
        }
        ModelPick.Pick pick = ModelPick.choose(space, cfg, budget, search);
        if (pick == null) {
            ctx.listener().log("no model's pick: the search ended before the performance model was fitted");
            return null;
        }
        ctx.listener().log(String.format(Locale.ROOT, "model's pick among %,d configurations: %s, predicted %.4f%s",
                pick.candidates(), Arrays.toString(ra.fullRanks(pick.ranks())), pick.predicted(),
                pick.measuredFrom() >= 0 ? " (measured before as search trial " + pick.measuredFrom() + ")" : ""));
        TrialRecord rec = ModelPick.measure(space, cfg.seed(), pick, search.trials().size(), ra, ra, control);
        if (rec == null) {
            throw new CancelledException();
        }
        return ra.fullRanks(rec.ranks());
    }
}

package dev.rankadaptor.pipeline;

import dev.rankadaptor.experiment.RecoveryMethod;
import dev.rankadaptor.common.CancelledException;
import dev.rankadaptor.experiment.JournalRecord;
import dev.rankadaptor.experiment.JournalState;
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
    static final TrialPhase PHASE = TrialPhase.PICK;

    private PickStage() {
    }

    /** R* as a rank per layer, or null when the search never fitted a model (too few trials). */
    static int[] ensure(JournalState state, RankSpace space, SearchConfig cfg, ParameterBudget budget, SearchResult search,
                        SearchJournalBridge ra, RunContext ctx, SearchControl control) {
        for (JournalRecord.TrialFinished t : state.finished()) {
            if (t.phase() == PHASE && t.method() == RecoveryMethod.RANKADAPTOR) {
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

    /**
     * The same in a parallel run: R* is measured by a worker like every other trial (so it has its result
     * file and survives a killed coordinator: a pick a previous coordinator started is handed back to the
     * pool, not started again). A pick whose retries all failed leaves the table without its row.
     */
    static int[] ensureParallel(ParallelRun par, JournalState state, RankSpace space, SearchConfig cfg, ParameterBudget budget,
                                SearchResult search, SearchJournalBridge ra, RunContext ctx,
                                dev.rankadaptor.common.CancellationToken cancel) {
        for (JournalRecord.TrialFinished t : state.finished()) {
            if (t.phase() == PHASE && t.method() == RecoveryMethod.RANKADAPTOR) {
                return t.rankArray();
            }
        }
        JournalRecord.TrialStarted started;
        java.util.List<JournalRecord.TrialStarted> left = par.unfinished(
                t -> t.phase() == PHASE && t.method() == RecoveryMethod.RANKADAPTOR);
        if (!left.isEmpty()) {
            started = left.get(0);
            par.submit(started, false, null);
        } else {
            ModelPick.Pick pick = ModelPick.choose(space, cfg, budget, search);
            if (pick == null) {
                ctx.listener().log("no model's pick: the search ended before the performance model was fitted");
                return null;
            }
            int[] full = ra.fullRanks(pick.ranks());
            ctx.listener().log(String.format(Locale.ROOT, "model's pick among %,d configurations: %s, predicted %.4f",
                    pick.candidates(), Arrays.toString(full), pick.predicted()));
            started = new JournalRecord.TrialStarted(ctx.nextTrialIndex(), PHASE, RecoveryMethod.RANKADAPTOR,
                    SearchJournalBridge.box(full), dev.rankadaptor.search.SeedStreams.trialSeed(cfg.seed(), search.trials().size()),
                    pick.predicted());
            par.start(started, false, null);
        }
        while (true) {
            TrialPool.Completion c = par.await(cancel);
            if (c.spec().index() == started.index()) {
                if (c.result() == null) {
                    ctx.listener().log("the model's pick failed for good: the table has no model's-pick row");
                    return null;
                }
                return c.result().rankArray();
            }
        }
    }
}

package dev.rankadaptor.pipeline;

import dev.rankadaptor.experiment.RecoveryMethod;
import dev.rankadaptor.search.ParameterBudget;

import dev.rankadaptor.common.UserInputException;
import dev.rankadaptor.search.AsyncSearch;
import dev.rankadaptor.search.RankSpace;
import dev.rankadaptor.search.SearchConfig;
import dev.rankadaptor.search.SearchControl;
import dev.rankadaptor.search.SearchResult;
import dev.rankadaptor.search.StopReason;
import dev.rankadaptor.search.TrialBank;

/** The search and random-search stages of a parallel run: {@link AsyncSearch} over the run's pool. */
final class ParallelStages {
    private ParallelStages() {
    }

    static SearchResult rankAdaptor(ParallelRun par, RunContext ctx, SearchJournalBridge ranks, RankSpace space,
                                    SearchConfig cfg, TrialBank bank, ParameterBudget budget, SearchControl control) {
        PoolSearchBridge bridge = new PoolSearchBridge(RecoveryMethod.RANKADAPTOR, ctx, par, ranks, control.token());
        var prior = bridge.priorAndResubmit();
        try (AsyncSearch s = AsyncSearch.rankAdaptor(space, cfg, bank, prior, budget)) {
            return checked(s.run(bridge, bridge, control, par.capacity()), RecoveryMethod.RANKADAPTOR);
        }
    }

    static SearchResult random(ParallelRun par, RunContext ctx, SearchJournalBridge ranks, RankSpace space, int trials,
                               long seed, ParameterBudget budget, SearchControl control) {
        PoolSearchBridge bridge = new PoolSearchBridge(RecoveryMethod.RANDOM_SEARCH, ctx, par, ranks, control.token());
        var prior = bridge.priorAndResubmit();
        try (AsyncSearch s = AsyncSearch.random(space, Math.max(1, trials), seed, 0, prior, budget)) {
            return checked(s.run(bridge, bridge, control, par.capacity()), RecoveryMethod.RANDOM_SEARCH);
        }
    }

    /** A search none of whose trials finished cannot go on to the repeats: say so, naming the journal. */
    private static SearchResult checked(SearchResult r, RecoveryMethod method) {
        if (r.best() == null && r.reason() != StopReason.CANCELLED) {
            throw new UserInputException(method + ": no trial finished (every one failed; see the trial_failed records"
                    + " in the journal and the logs under trials/)");
        }
        return r;
    }
}

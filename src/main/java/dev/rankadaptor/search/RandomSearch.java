package dev.rankadaptor.search;

import java.util.ArrayList;
import java.util.List;

/**
 * The random-search baseline: trial i runs a uniformly drawn rank vector. It uses the same
 * seed streams as {@link SearchLoop}'s initial trials (so with equal seeds the first trials of
 * both are the same configurations, a paired comparison) and the same trial seeds, runner
 * interface, control and resume-from-records rules. Its trials have phase BASELINE.
 */
public final class RandomSearch implements SearchStrategy {
    private final RankSpace space;
    private final int trials;
    private final long seed;
    private final long timeBudgetSeconds;
    private final List<TrialRecord> prior;
    private final ParameterBudget budget;

    public RandomSearch(RankSpace space, int trials, long seed, long timeBudgetSeconds, List<TrialRecord> prior) {
        this(space, trials, seed, timeBudgetSeconds, prior, ParameterBudget.unlimited(space.layers()));
    }

    /** As above; every drawn vector stays within {@code budget} (the same draws as the model search's initial trials). */
    public RandomSearch(RankSpace space, int trials, long seed, long timeBudgetSeconds, List<TrialRecord> prior,
                        ParameterBudget budget) {
        if (trials < 1) {
            throw new dev.rankadaptor.common.InvalidFieldException("trials", "must be >= 1, was " + trials);
        }
        this.space = space;
        this.trials = trials;
        this.seed = seed;
        this.timeBudgetSeconds = Math.max(0, timeBudgetSeconds);
        this.prior = TrialExecutor.validate(space, prior);
        this.budget = budget == null ? ParameterBudget.unlimited(space.layers()) : budget;
        this.budget.requireFeasible(space, "parameterBudget");
    }

    public RandomSearch(RankSpace space, int trials, long seed) {
        this(space, trials, seed, 0, List.of());
    }

    /** The rank vector random search (and the model search's initial phase) runs as trial {@code index}. */
    public static int[] ranksFor(RankSpace space, long seed, int index) {
        return ranksFor(space, ParameterBudget.unlimited(space.layers()), seed, index);
    }

    /** As {@link #ranksFor(RankSpace, long, int)}, drawn within a parameter budget (identical when it is unlimited). */
    public static int[] ranksFor(RankSpace space, ParameterBudget budget, long seed, int index) {
        return budget.sample(space, SeedStreams.stream(seed, index, SeedStreams.RANDOM_RANKS));
    }

    @Override
    public SearchResult run(TrialRunner runner, SearchListener listener, SearchControl control) {
        long start = System.nanoTime();
        TrialExecutor exec = new TrialExecutor(space, seed, prior, runner, listener, control);
        List<TrialRecord> records = new ArrayList<>();
        StopReason reason = null;
        for (int index = 0; ; index++) {
            if (index >= trials) {
                reason = StopReason.MAX_TRIALS;
                break;
            }
            if (!exec.isReplay(index)) {
                reason = TrialExecutor.checkControl(control, listener, index, start, timeBudgetSeconds);
                if (reason != null) {
                    break;
                }
            }
            TrialRecord rec = exec.execute(index, TrialPhase.BASELINE, ranksFor(space, budget, seed, index), Double.NaN);
            if (rec == null) {
                reason = StopReason.CANCELLED;
                break;
            }
            records.add(rec);
        }
        String message = TrialExecutor.describe(reason, records.size());
        listener.converged(reason, message);
        return new SearchResult(records, SearchResult.bestOf(records), reason, message, null, null, exec.mismatch(), Double.NaN);
    }
}

package dev.rankadaptor.search;

import dev.rankadaptor.common.CancelledException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The asynchronous batch form of the RankAdaptor search (and of random search) for N workers:
 * N trials are in flight; whenever one arrives the model is refitted on every measurement so far
 * and the next candidate is proposed while the others still run. Proposals avoid the pending
 * trials by a diversity rule (docs/search-method.md): among the M candidates drawn for trial i,
 * the best predicted one that is neither measured nor pending and lies at least
 * {@link #MIN_DISTANCE} (mean per-layer rank distance, as a fraction of the rank range) from every
 * pending configuration; with nothing pending this is exactly {@link SearchLoop}'s choice, so with
 * one worker both make the same decisions. The model is only ever trained on real measurements.
 *
 * <p>Resume: {@code prior} holds the journalled events of this strategy in journal order; they
 * are replayed through the same proposal and refit code (proposals are compared with the
 * journalled ranks, the journal wins), so the model, the measured and the pending sets are as the
 * uninterrupted run had them. Trials started and not arrived stay outstanding: the dispatcher
 * returns them from {@link TrialDispatcher#next()} like the others.
 */
public final class AsyncSearch implements AutoCloseable {
    /** Minimum mean per-layer distance of a proposal to every pending configuration (fraction of the rank range). */
    public static final double MIN_DISTANCE = 0.1;

    private final RankSpace space;
    private final SearchConfig config;
    private final TrialBank bank;
    private final boolean modelGuided;
    private final int trials;
    private final long seed;
    private final long timeBudgetSeconds;
    private final List<SearchEvent> prior;
    private final PerformanceModel model;
    private final ModelRefit refit;
    private final List<TrialRecord> records = new ArrayList<>();
    private final Set<RankKey> measured = new HashSet<>();
    private final Map<Integer, int[]> pending = new LinkedHashMap<>();
    private int mismatch = -1;
    private final ParameterBudget budget;
    private ConvergenceTracker convergence;
    private SearchListener noiseListener = new SearchListener() {
    };

    private AsyncSearch(RankSpace space, SearchConfig config, TrialBank bank, boolean modelGuided, int trials,
                        long seed, long timeBudgetSeconds, List<SearchEvent> prior, ParameterBudget budget) {
        if (trials < 1) {
            throw new dev.rankadaptor.common.InvalidFieldException("trials", "must be >= 1, was " + trials);
        }
        this.space = space;
        this.budget = budget == null ? ParameterBudget.unlimited(space.layers()) : budget;
        this.budget.requireFeasible(space, "search.parameter_budget");
        this.seed = seed;
        this.timeBudgetSeconds = Math.max(0, timeBudgetSeconds);
        this.config = config;
        this.bank = bank == null ? TrialBank.empty() : bank;
        this.modelGuided = modelGuided;
        this.trials = trials;
        this.prior = prior == null ? List.of() : List.copyOf(prior);
        this.model = modelGuided ? new PerformanceModel(space, config.model(), config.seed()) : null;
        if (model != null && !this.bank.isEmpty()) {
            MetaLearner.pretrain(model, this.bank, config.metaEpochs());
        }
        this.refit = model == null ? null : new ModelRefit(model, config, !this.bank.isEmpty());
        this.convergence = modelGuided ? new ConvergenceTracker(config) : null;
    }

    /** The RankAdaptor search: random initial trials, then model-guided ones, up to config.maxTrials(). */
    public static AsyncSearch rankAdaptor(RankSpace space, SearchConfig config, TrialBank bank, List<SearchEvent> prior) {
        return rankAdaptor(space, config, bank, prior, null);
    }

    /** As above; every proposal (initial, noise, model-guided) stays within {@code budget} (null = none). */
    public static AsyncSearch rankAdaptor(RankSpace space, SearchConfig config, TrialBank bank, List<SearchEvent> prior,
                                          ParameterBudget budget) {
        return new AsyncSearch(space, config, bank, true, config.maxTrials(), config.seed(), config.timeBudgetSeconds(), prior,
                budget);
    }

    /** Random search with {@code trials} trials (phase BASELINE), the same rank and seed streams as {@link RandomSearch}. */
    public static AsyncSearch random(RankSpace space, int trials, long seed, long timeBudgetSeconds, List<SearchEvent> prior) {
        return random(space, trials, seed, timeBudgetSeconds, prior, null);
    }

    /** As above, every draw within {@code budget} (the same draws as {@link RandomSearch} with that budget). */
    public static AsyncSearch random(RankSpace space, int trials, long seed, long timeBudgetSeconds, List<SearchEvent> prior,
                                     ParameterBudget budget) {
        return new AsyncSearch(space, null, TrialBank.empty(), false, trials, seed, timeBudgetSeconds, prior, budget);
    }

    private int initialTrials() {
        return bank.isEmpty() ? config.initialTrials() : config.bankInitialTrials();
    }

    /** Runs until the budget is spent, it converges, or it is stopped; at most {@code workers} trials in flight. */
    public SearchResult run(TrialDispatcher dispatcher, SearchListener listener, SearchControl control, int workers) {
        if (workers < 1) {
            throw new dev.rankadaptor.common.InvalidFieldException("execution.workers", "must be >= 1, was " + workers);
        }
        long start = System.nanoTime();
        noiseListener = listener;
        int next = replay();
        if (model != null && fitted() && !prior.isEmpty()) {
            listener.modelUpdated(refit.update(records));
        }
        StopReason reason = null;
        while (true) {
            if (reason == null) {
                reason = stopBefore(next);
            }
            while (reason == null && pending.size() < workers) {
                if (!pending.isEmpty() && control.isPaused()) {
                    break;
                }
                reason = TrialExecutor.checkControl(control, listener, next, start, timeBudgetSeconds);
                if (reason != null) {
                    break;
                }
                Proposal p = propose(next);
                long seed = SeedStreams.trialSeed(this.seed, next);
                pending.put(next, p.ranks());
                dispatcher.dispatch(next, p.ranks(), seed, p.predicted(), p.phase());
                next++;
                reason = stopBefore(next);
            }
            if (pending.isEmpty()) {
                if (reason == null) {
                    continue;
                }
                break;
            }
            TrialDispatcher.Arrival a;
            try {
                a = dispatcher.next();
            } catch (CancelledException e) {
                reason = StopReason.CANCELLED;
                break;
            }
            int[] ranks = pending.remove(a.index());
            if (ranks == null) {
                throw new IllegalStateException("trial " + a.index() + " arrived but was not pending");
            }
            if (a.outcome() != null) {
                TrialPhase phase = phaseOf(a.index());
                TrialRecord rec = new TrialRecord(a.index(), phase, ranks, SeedStreams.trialSeed(this.seed, a.index()),
                        predictedOf(a.index()), a.outcome().score(), a.outcome().taskScores(), a.durationMs());
                arrived(rec);
                if (model != null && fitted()) {
                    listener.modelUpdated(refit.update(records));
                }
            }
        }
        RankImportance importance = fitted() ? refit.importance() : null;
        String message = TrialExecutor.describe(reason, records.size());
        listener.converged(reason, message);
        return new SearchResult(records, SearchResult.bestOf(records), reason, message,
                refit == null ? null : refit.stateOrNull(), importance, mismatch, convergence == null ? Double.NaN : convergence.threshold());
    }

    /** The stop reason that holds before proposing trial {@code next} (budget, convergence), or null. */
    private StopReason stopBefore(int next) {
        if (modelGuided && convergence.converged()) {
            return StopReason.CONVERGED;
        }
        if (next >= trials) {
            return StopReason.MAX_TRIALS;
        }
        return null;
    }

    private final Map<Integer, TrialPhase> phases = new java.util.HashMap<>();
    private final Map<Integer, Double> predictions = new java.util.HashMap<>();

    private TrialPhase phaseOf(int index) {
        return phases.getOrDefault(index, TrialPhase.INITIAL);
    }

    private double predictedOf(int index) {
        return predictions.getOrDefault(index, Double.NaN);
    }

    /** Replays the journalled events; returns the next index to propose. */
    private int replay() {
        int next = 0;
        for (SearchEvent e : prior) {
            switch (e.kind()) {
                case STARTED -> {
                    Proposal p = propose(e.index());
                    if (mismatch < 0 && (e.index() != next || !Arrays.equals(p.ranks(), e.ranks()) || p.phase() != e.phase())) {
                        mismatch = e.index();
                    }
                    phases.put(e.index(), e.phase());
                    predictions.put(e.index(), e.predicted());
                    pending.put(e.index(), e.ranks());
                    next = Math.max(next, e.index() + 1);
                }
                case FINISHED -> {
                    pending.remove(e.index());
                    arrived(e.record());
                }
                case FAILED -> pending.remove(e.index());
            }
        }
        return next;
    }

    private void arrived(TrialRecord rec) {
        records.add(rec);
        measured.add(new RankKey(rec.ranks()));
        if (model == null) {
            return;
        }
        convergence.observe(rec, records, noiseListener);
        if (records.size() >= initialTrials()) {
            refit.refit(records);
        }
    }

    private record Proposal(int[] ranks, double predicted, TrialPhase phase) {
    }

    private Proposal propose(int index) {
        Proposal p;
        if (!modelGuided) {
            p = new Proposal(RandomSearch.ranksFor(space, budget, seed, index), Double.NaN, TrialPhase.BASELINE);
        } else if (index < initialTrials()) {
            p = new Proposal(RandomSearch.ranksFor(space, budget, config.seed(), index), Double.NaN, TrialPhase.INITIAL);
        } else if (index < initialTrials() + config.noiseTrials()) {
            // the noise trials re-measure trial 0's configuration with other seeds (as SearchLoop does)
            p = new Proposal(RandomSearch.ranksFor(space, budget, config.seed(), 0), Double.NaN, TrialPhase.NOISE);
        } else if (!fitted()) {
            p = new Proposal(RandomSearch.ranksFor(space, budget, config.seed(), index), Double.NaN, TrialPhase.INITIAL);
        } else {
            p = choose(index);
        }
        phases.put(index, p.phase());
        predictions.put(index, p.predicted());
        return p;
    }

    /** The diversity rule (class comment); without pending trials the same choice as SearchLoop. */
    private Proposal choose(int index) {
        CandidateBatch c = CandidateBatch.draw(space, budget, config, model, index);
        int pick = c.explorationPick();
        if (pick < 0) {
            pick = best(c, true);
        }
        if (pick < 0) {
            pick = best(c, false);
        }
        if (pick < 0) {
            pick = c.argmax();
        }
        return new Proposal(c.ranks(pick), c.predicted(pick), TrialPhase.SEARCH);
    }

    private int best(CandidateBatch cands, boolean diverse) {
        double best = Double.NEGATIVE_INFINITY;
        int pick = -1;
        for (int i = 0; i < cands.size(); i++) {
            if (cands.predicted(i) <= best) {
                continue;
            }
            int[] c = cands.ranks(i);
            if (measured.contains(new RankKey(c)) || pendingContains(c) || (diverse && tooClose(c))) {
                continue;
            }
            best = cands.predicted(i);
            pick = i;
        }
        return pick;
    }

    private boolean pendingContains(int[] c) {
        for (int[] q : pending.values()) {
            if (Arrays.equals(q, c)) {
                return true;
            }
        }
        return false;
    }

    private boolean tooClose(int[] c) {
        double range = Math.max(1, space.maxRank() - space.minRank());
        for (int[] q : pending.values()) {
            double d = 0;
            for (int i = 0; i < c.length; i++) {
                d += Math.abs(c[i] - q[i]);
            }
            if (d / c.length / range < MIN_DISTANCE) {
                return true;
            }
        }
        return false;
    }

    private boolean fitted() {
        return refit != null && refit.fitted();
    }

    @Override
    public void close() {
        if (model != null) {
            model.close();
        }
    }
}

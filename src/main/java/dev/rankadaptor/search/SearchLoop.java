package dev.rankadaptor.search;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The RankAdaptor search (paper §3.3, Fig. 4): Initialization (meta-learned model from a trial bank,
 * or random trials), Iteration (sample M candidates lazily, predict, run the best predicted, add the
 * measurement, update the model), Convergence (|predicted - measured| under a threshold for k
 * consecutive model-guided trials, or the trial / time budget). With {@link SearchConfig#noiseTrials()} &gt; 0
 * the first initial configuration is measured again with other seeds right after the initial trials; the
 * threshold 0 means the noise those measurements show ({@link TrialNoise}). After the loop, {@link ModelPick}
 * lets the converged model choose R* among many candidates (the paper's Convergence phase).
 *
 * <p>Determinism and resume: every random choice of trial i derives from (seed, i) only
 * ({@link SeedStreams}); the model's state after trial i is a pure function of the records 0..i
 * (weights initialised from the seed, fresh Adam moments per update). A run constructed with the
 * records journalled before a crash replays them through the same code path, without re-running
 * them, and so continues exactly as the uninterrupted run would (bitwise on the same machine and
 * thread count; across machines floating-point differences could change a later argmax, in which
 * case the journal stays the truth and {@link SearchResult#replayMismatch()} says where).
 */
public final class SearchLoop implements SearchStrategy {
    private final RankSpace space;
    private final SearchConfig config;
    private final TrialBank bank;
    private final List<TrialRecord> prior;
    private final ParameterBudget budget;

    /**
     * @param space  the rank space of the prunable layers
     * @param config search settings
     * @param bank   earlier trials for meta-learning (empty for none)
     * @param prior  records of this search finished before (resume), indices 0..n-1 in order
     */
    public SearchLoop(RankSpace space, SearchConfig config, TrialBank bank, List<TrialRecord> prior) {
        this(space, config, bank, prior, ParameterBudget.unlimited(space.layers()));
    }

    /** As above; every sampled vector (initial trials and candidates) stays within {@code budget}. */
    public SearchLoop(RankSpace space, SearchConfig config, TrialBank bank, List<TrialRecord> prior, ParameterBudget budget) {
        this.space = space;
        this.config = config;
        this.bank = bank == null ? TrialBank.empty() : bank;
        this.prior = TrialExecutor.validate(space, prior);
        this.budget = budget == null ? ParameterBudget.unlimited(space.layers()) : budget;
        this.budget.requireFeasible(space, "parameterBudget");
    }

    public SearchLoop(RankSpace space, SearchConfig config) {
        this(space, config, TrialBank.empty(), List.of());
    }

    /** Number of random trials before the first model fit. */
    public int initialTrials() {
        return bank.isEmpty() ? config.initialTrials() : config.bankInitialTrials();
    }

    /** Runs the search on the calling thread until it converges, spends a budget, or is stopped. */
    @Override
    public SearchResult run(TrialRunner runner, SearchListener listener, SearchControl control) {
        long start = System.nanoTime();
        TrialExecutor exec = new TrialExecutor(space, config.seed(), prior, runner, listener, control);
        int nInit = initialTrials();
        try (PerformanceModel model = new PerformanceModel(space, config.model(), config.seed())) {
            boolean meta = !bank.isEmpty();
            if (meta) {
                MetaLearner.pretrain(model, bank, config.metaEpochs());
            }
            ModelRefit refit = new ModelRefit(model, config, meta);
            List<TrialRecord> records = new ArrayList<>();
            Set<RankKey> measured = new HashSet<>();
            ConvergenceTracker convergence = new ConvergenceTracker(config);
            boolean updatePending = false;
            StopReason reason;
            for (int index = 0; ; index++) {
                if (convergence.converged()) {
                    reason = StopReason.CONVERGED;
                    break;
                }
                if (index >= config.maxTrials()) {
                    reason = StopReason.MAX_TRIALS;
                    break;
                }
                boolean replay = exec.isReplay(index);
                if (!replay) {
                    if (updatePending) {
                        listener.modelUpdated(refit.update(records));
                        updatePending = false;
                    }
                    reason = TrialExecutor.checkControl(control, listener, index, start, config.timeBudgetSeconds());
                    if (reason != null) {
                        break;
                    }
                }
                TrialRecord rec;
                if (index < nInit || !refit.fitted()) {
                    rec = exec.execute(index, TrialPhase.INITIAL, RandomSearch.ranksFor(space, budget, config.seed(), index), Double.NaN);
                } else if (convergence.noiseSeen() < config.noiseTrials()) {
                    rec = exec.execute(index, TrialPhase.NOISE, records.get(0).ranks(), Double.NaN);
                } else {
                    Pick pick = choose(model, index, measured);
                    rec = exec.execute(index, TrialPhase.SEARCH, pick.ranks(), pick.predicted());
                }
                if (rec == null) {
                    reason = StopReason.CANCELLED;
                    break;
                }
                records.add(rec);
                measured.add(new RankKey(rec.ranks()));
                convergence.observe(rec, records, listener);
                if (records.size() >= nInit) {
                    refit.refit(records);
                    if (replay) {
                        updatePending = true;
                    } else {
                        listener.modelUpdated(refit.update(records));
                    }
                }
            }
            RankImportance importance = null;
            if (updatePending) {
                ModelUpdate u = refit.update(records);
                listener.modelUpdated(u);
                importance = u.importance();
            } else if (refit.fitted()) {
                importance = refit.importance();
            }
            String message = TrialExecutor.describe(reason, records.size());
            listener.converged(reason, message);
            return new SearchResult(records, SearchResult.bestOf(records), reason, message,
                    refit.stateOrNull(), importance, exec.mismatch(), convergence.threshold());
        }
    }

    private record Pick(int[] ranks, double predicted) {
    }

    /** Best predicted unmeasured candidate among M lazily drawn ones (or an epsilon exploration pick). */
    private Pick choose(PerformanceModel model, int index, Set<RankKey> measured) {
        CandidateBatch c = CandidateBatch.draw(space, budget, config, model, index);
        int pick = c.explorationPick();
        if (pick < 0) {
            double best = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < c.size(); i++) {
                if (c.predicted(i) > best && !measured.contains(new RankKey(c.ranks(i)))) {
                    best = c.predicted(i);
                    pick = i;
                }
            }
        }
        if (pick < 0) {
            pick = c.argmax();
        }
        return new Pick(c.ranks(pick), c.predicted(pick));
    }
}

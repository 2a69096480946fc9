package dev.rankadaptor.pipeline;

import dev.rankadaptor.recover.PrunableLayers;
import dev.rankadaptor.experiment.RecoveryMethod;
import dev.rankadaptor.common.CancelledException;
import dev.rankadaptor.compute.DeviceChoice;
import dev.rankadaptor.experiment.ItemSplit;
import dev.rankadaptor.experiment.Journal;
import dev.rankadaptor.experiment.JournalRecord;
import dev.rankadaptor.experiment.ProjectFile;
import dev.rankadaptor.experiment.RunDirectory;
import dev.rankadaptor.experiment.JournalState;
import dev.rankadaptor.experiment.RunStatus;
import dev.rankadaptor.experiment.Versions;
import dev.rankadaptor.compute.Engines;
import dev.rankadaptor.search.ParameterBudget;
import dev.rankadaptor.search.RandomSearch;
import dev.rankadaptor.search.RankSpace;
import dev.rankadaptor.search.SearchConfig;
import dev.rankadaptor.search.SearchControl;
import dev.rankadaptor.search.SearchLoop;
import dev.rankadaptor.search.SearchResult;
import dev.rankadaptor.search.StopReason;
import dev.rankadaptor.search.TrialBank;

import java.util.List;

/**
 * Runs (or resumes) one experiment end to end: prune (or reuse), evaluate without recovery,
 * search, random-search baseline, repeats of every method's final configuration with several
 * seeds, and the report. Every stage first asks the journal what is already done, so a run killed
 * at any point resumes with its finished trials intact and makes the same decisions again.
 */
public final class RunOrchestrator {
    private final RunDirectory dir;
    private final RunListener listener;
    private final SearchControl control;
    private final TrialPool.Factory pools;
    private final dev.rankadaptor.experiment.ExecutionSection execution;

    public RunOrchestrator(RunDirectory dir, RunListener listener, SearchControl control) {
        this(dir, listener, control, null);
    }

    /** @param pools opens the trial pool when the project's execution backend is not inprocess */
    public RunOrchestrator(RunDirectory dir, RunListener listener, SearchControl control, TrialPool.Factory pools) {
        this(dir, listener, control, pools, null);
    }

    /** @param execution this run's execution section (e.g. --workers on the command line); null = the project's */
    public RunOrchestrator(RunDirectory dir, RunListener listener, SearchControl control, TrialPool.Factory pools,
                           dev.rankadaptor.experiment.ExecutionSection execution) {
        this.pools = pools;
        this.execution = execution;
        this.dir = dir;
        this.listener = listener == null ? RunListener.NONE : listener;
        this.control = control == null ? new SearchControl() : control;
    }

    public RunOutcome run() {
        Engines.prepareWorkerThread();
        ProjectFile pf = dir.projectForResume();
        JournalState state = dir.replay();
        try (Journal journal = dir.openJournal()) {
            Versions versions = Versions.detect(Engines.pytorch());
            if (state.status() == RunStatus.NEW) {
                journal.append(new JournalRecord.RunStarted(dir.id(), ProjectFile.hash(pf.project()), versions));
            } else {
                journal.append(new JournalRecord.RunResumed(versions));
                listener.log("resuming run " + dir.id() + ": " + state.finished().size() + " finished trials kept");
            }
            try {
                return stages(pf, state, journal);
            } catch (CancelledException e) {
                journal.append(new JournalRecord.RunCancelled("cancelled by the user"));
                RunOutcome out = new RunOutcome(RunOutcome.Status.CANCELLED, dir.path(), null, "cancelled; finished trials are kept");
                listener.finished(out);
                return out;
            }
        }
    }

    private RunOutcome stages(ProjectFile pf, JournalState state, Journal journal) {
        DeviceChoice.Resolved device = pf.project().deviceChoice().resolve();
        if (device.warning() != null) {
            listener.log("warning: " + device.warning());
        }
        var ex = execution != null ? execution : pf.project().execution();
        try (ParallelRun.Closer closer = new ParallelRun.Closer(ex.parallel() ? ParallelRun.open(dir, ex, pools, journal, listener) : null)) {
            return stages(pf, state, journal, device, closer);
        }
    }

    private RunOutcome stages(ProjectFile pf, JournalState state, Journal journal, DeviceChoice.Resolved device,
                              ParallelRun.Closer closer) {
        TrialWorkspace.checkBeforeRun(pf, device.device().toDjl());
        listener.phase(RunPhase.PRUNING, "pruning the checkpoint (or reusing an identical pruned model)");
        new PruneStage(dir, pf, journal, listener).ensurePruned(device.device(), control.token());
        if (!state.finished().isEmpty() && !java.nio.file.Files.isRegularFile(dir.path().resolve(ItemSplit.FILE))) {
            throw new dev.rankadaptor.common.UserInputException(dir.path() + ": this run measured trials before runs recorded "
                    + "their selection / report item split (" + ItemSplit.FILE + "); its trials were scored on the reported items, "
                    + "so it cannot be resumed honestly: start a new run");
        }
        listener.phase(RunPhase.LOADING, "loading the pruned model, recovery data and tasks");
        try (TrialWorkspace ws = TrialWorkspace.open(pf, dir.prunedDir(), device.device(), dir.path())) {
            var eval = pf.project().evaluation();
            RunContext ctx = new RunContext(journal, ws, listener, EvalScope.selection(eval.searchSubset().toSubset()),
                    EvalScope.report(eval.finalSubset().toSubset()), pf.project().recovery().baseRank(), state.nextTrialIndex());
            state.finished().forEach(ctx::remember);
            listener.phase(RunPhase.NO_RECOVERY, "evaluating the pruned model without recovery");
            NoRecoveryStage.ensure(dir, ws, ctx.finalSubset(), control.token());

            PrunableLayers prunable = ProjectMapping.prunableLayers(pf.project(), ws.numLayers());
            RankSpace space = new RankSpace(prunable.size(), pf.project().search().candidateRanks());
            SearchConfig cfg = ProjectMapping.search(pf.project().search(), pf.project().seed());
            listener.phase(RunPhase.SEARCH, "RankAdaptor search over " + prunable.size() + " layers (10^"
                    + String.format("%.1f", space.log10Size()) + " configurations)");
            SearchJournalBridge ra = new SearchJournalBridge(RecoveryMethod.RANKADAPTOR, ctx, prunable, cfg.seed());
            TrialBank bank = TrialBanks.load(pf, prunable);
            ParameterBudget budget = ProjectMapping.budget(pf.project(), ws.model(), prunable);
            budget.requireFeasible(space, "search.parameter_budget");
            ParallelRun par = closer.bind(ctx);
            SearchResult search = par != null ? ParallelStages.rankAdaptor(par, ctx, ra, space, cfg, bank, budget, control)
                    : new SearchLoop(space, cfg, bank, ra.prior(finished(state, RecoveryMethod.RANKADAPTOR)), budget)
                    .run(ra, ra, control);
            if (search.reason() == StopReason.CANCELLED) {
                throw new CancelledException();
            }
            boolean stopped = search.reason() == StopReason.STOPPED;
            if (stopped) {
                journal.append(new JournalRecord.RunStopped("stopped by the user: finishing baselines and report"));
            }
            SearchResult random = null;
            if (pf.project().baselines().contains(RecoveryMethod.RANDOM_SEARCH.id()) && !stopped) {
                listener.phase(RunPhase.RANDOM_SEARCH, "random-search baseline with the same number of trials");
                SearchJournalBridge rs = new SearchJournalBridge(RecoveryMethod.RANDOM_SEARCH, ctx, prunable, cfg.seed());
                random = par != null
                        ? ParallelStages.random(par, ctx, rs, space, search.trials().size(), cfg.seed(), budget, control)
                        : new RandomSearch(space, search.trials().size(), cfg.seed(), 0,
                        rs.prior(finished(state, RecoveryMethod.RANDOM_SEARCH)), budget).run(rs, rs, control);
                if (random.reason() == StopReason.CANCELLED) {
                    throw new CancelledException();
                }
            }
            int[] pick = par != null ? PickStage.ensureParallel(par, state, space, cfg, budget, search, ra, ctx, control.token())
                    : PickStage.ensure(state, space, cfg, budget, search, ra, ctx, control);
            listener.phase(RunPhase.REPEATS, "re-running each method's configuration with " + pf.project().search().repeats() + " seeds");
            RepeatStage repeats = new RepeatStage(dir, pf, ctx, state, control);
            int[] raBest = ra.fullRanks(search.best().ranks());
            int[] rsBest = random == null || random.best() == null ? null : ra.fullRanks(random.best().ranks());
            if (par != null) {
                repeats.runAllParallel(par, raBest, rsBest, pick);
            } else {
                repeats.runAll(raBest, rsBest, pick);
            }
            listener.phase(RunPhase.REPORT, "writing results.json and the CSV / Markdown / LaTeX tables");
            var table = ReportStage.write(dir, pf);
            journal.append(new JournalRecord.RunFinished("best RankAdaptor search trial " + search.best().index()
                    + " scored " + String.format("%.4f", search.best().score()) + "; " + table.rows().size() + " methods reported"));
            listener.phase(RunPhase.DONE, "finished");
            RunOutcome out = new RunOutcome(RunOutcome.Status.FINISHED, dir.path(), table, "finished");
            listener.finished(out);
            return out;
        }
    }

    /**
     * Trials a run of this project measures at most (for progress bars and ETAs): the search budget
     * (noise trials included), random search with the same budget, the model's pick, and R seeds for
     * every method's final configuration (the pick's too).
     */
    public static int expectedTrials(dev.rankadaptor.experiment.Project p) {
        int search = p.search().maxTrials();
        int random = p.baselines().contains(RecoveryMethod.RANDOM_SEARCH.id()) ? search : 0;
        return search + random + 1 + p.search().repeats() * (2 + p.baselines().size());
    }

    /** A method's search-strategy trials (not its repeats, not the model's pick), for resume. */
    static List<JournalRecord.TrialFinished> finished(JournalState state, RecoveryMethod method) {
        return state.finished().stream().filter(t -> t.method() == method && t.phase() != RepeatStage.PHASE
                && t.phase() != PickStage.PHASE).toList();
    }
}

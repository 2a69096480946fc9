package dev.rankadaptor.pipeline;

import dev.rankadaptor.experiment.RecoveryMethod;
import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.experiment.JournalRecord;
import dev.rankadaptor.search.ModelUpdate;
import dev.rankadaptor.search.SearchEvent;
import dev.rankadaptor.search.SearchListener;
import dev.rankadaptor.search.StopReason;
import dev.rankadaptor.search.TrialDispatcher;
import dev.rankadaptor.search.TrialOutcome;
import dev.rankadaptor.search.TrialPhase;
import dev.rankadaptor.search.TrialRecord;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Connects an asynchronous strategy ({@link dev.rankadaptor.search.AsyncSearch}) to a parallel run:
 * each dispatch becomes a trial_started record and a pool submission (or, for a configuration and
 * seed already measured, the reused measurement), each arrival the journalled completion. The
 * strategy's indices (0, 1, ...) map to the run's global trial indices in the order trials started.
 */
final class PoolSearchBridge implements TrialDispatcher, SearchListener {
    private final RecoveryMethod method;
    private final RunContext ctx;
    private final ParallelRun par;
    private final SearchJournalBridge ranks;
    private final CancellationToken cancel;
    private final Map<Integer, Integer> localOf = new HashMap<>();
    private final Map<Integer, Integer> globalOf = new HashMap<>();
    private final Deque<Arrival> reused = new ArrayDeque<>();

    PoolSearchBridge(RecoveryMethod method, RunContext ctx, ParallelRun par, SearchJournalBridge ranks, CancellationToken cancel) {
        this.method = method;
        this.ctx = ctx;
        this.par = par;
        this.ranks = ranks;
        this.cancel = cancel;
    }

    private boolean mine(JournalRecord.TrialStarted t) {
        return t.method() == method && TrialPhase.SEARCH_PHASES.contains(t.phase());
    }

    /**
     * This strategy's events in the journal as it was when the run started (journal order), and the
     * trials it left unfinished handed back to the pool.
     */
    List<SearchEvent> priorAndResubmit() {
        List<SearchEvent> events = new ArrayList<>();
        Map<Integer, JournalRecord.TrialStarted> started = new HashMap<>();
        for (JournalRecord r : par.journalAtStart()) {
            if (r instanceof JournalRecord.TrialStarted t && mine(t) && !localOf.containsKey(t.index())) {
                int local = localOf.size();
                localOf.put(t.index(), local);
                globalOf.put(local, t.index());
                started.put(t.index(), t);
                events.add(SearchEvent.started(local, ranks.searchRanks(t.rankArray()), t.phase(),
                        t.predicted() == null ? Double.NaN : t.predicted()));
            } else if (r instanceof JournalRecord.TrialFinished f && localOf.containsKey(f.index()) && started.containsKey(f.index())) {
                events.add(SearchEvent.finished(record(localOf.get(f.index()), f)));
            } else if (r instanceof JournalRecord.TrialFailed f && localOf.containsKey(f.index())) {
                events.add(SearchEvent.failed(localOf.get(f.index())));
            }
        }
        for (JournalRecord.TrialStarted t : par.unfinished(this::mine)) {
            par.submit(t, false, null);
        }
        return events;
    }

    private TrialRecord record(int local, JournalRecord.TrialFinished f) {
        return new TrialRecord(local, f.phase(), ranks.searchRanks(f.rankArray()), f.seed(),
                f.predicted() == null ? Double.NaN : f.predicted(), f.score(), f.taskScores(),
                Math.round((f.trainSeconds() + f.evalSeconds()) * 1000));
    }

    @Override
    public void dispatch(int index, int[] searchRanks, long seed, double predicted, TrialPhase phase) {
        int global = ctx.nextTrialIndex();
        localOf.put(global, index);
        globalOf.put(index, global);
        int[] full = ranks.fullRanks(searchRanks);
        JournalRecord.TrialStarted rec = new JournalRecord.TrialStarted(global, phase,
                method, SearchJournalBridge.box(full), seed, Double.isNaN(predicted) ? null : predicted);
        JournalRecord.TrialFinished same = ctx.measured(full, seed);
        if (same == null) {
            par.start(rec, false, null);
            return;
        }
        ctx.journal().append(rec);
        ctx.listener().trialStarted(rec);
        ctx.listener().log("same ranks and seed as trial " + same.index() + ": its measurement is reused");
        JournalRecord.TrialFinished fin = new JournalRecord.TrialFinished(global, rec.phase(), method, rec.ranks(), seed,
                rec.predicted(), same.score(), same.taskScores(), same.loss(), 0, 0, same.device());
        ctx.journal().append(fin);
        ctx.remember(fin);
        ctx.listener().trialFinished(fin);
        reused.add(new Arrival(index, new TrialOutcome(same.score(), same.taskScores()), null, 0));
    }

    @Override
    public Arrival next() {
        if (!reused.isEmpty()) {
            return reused.poll();
        }
        TrialPool.Completion c = par.await(cancel);
        Integer local = localOf.get(c.spec().index());
        if (local == null) {
            throw new IllegalStateException("trial " + c.spec().index() + " arrived but is not a " + method + " trial");
        }
        if (c.result() != null) {
            JournalRecord.TrialFinished f = c.result();
            return new Arrival(local, new TrialOutcome(f.score(), f.taskScores()), null,
                    Math.round((f.trainSeconds() + f.evalSeconds()) * 1000));
        }
        return new Arrival(local, null, c.failure().message(), 0);
    }

    @Override
    public void modelUpdated(ModelUpdate update) {
        List<Double> preds = new ArrayList<>();
        for (double p : update.predicted()) {
            preds.add(p);
        }
        int last = update.trialIndices().length == 0 ? 0 : globalOf.getOrDefault(update.trialIndices()[update.trialIndices().length - 1], 0);
        ctx.journal().append(new JournalRecord.ModelUpdated(last, update.trainMse(), preds));
        ctx.listener().modelUpdated(update);
    }

    @Override
    public void noiseMeasured(dev.rankadaptor.search.TrialNoise noise, double threshold) {
        SearchJournalNotes.noiseMeasured(ctx, method, noise, threshold);
    }

    @Override
    public void paused(int nextIndex) {
        SearchJournalNotes.paused(ctx, method, nextIndex);
    }

    @Override
    public void converged(StopReason reason, String message) {
        SearchJournalNotes.converged(ctx, method, reason, message);
    }
}

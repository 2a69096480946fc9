package dev.rankadaptor.search;

import dev.rankadaptor.common.CancelledException;
import dev.rankadaptor.common.InvalidFieldException;

import java.util.Arrays;
import java.util.List;

/**
 * Runs a strategy's trial, or, when the index is covered by records journalled before a crash,
 * returns that record without re-running it. The journal is the truth: if the replayed decision
 * differs from the journalled ranks (changed configuration, different floating point), the record
 * is kept and the first such index is remembered for the result.
 */
final class TrialExecutor {
    private final RankSpace space;
    private final long seed;
    private final List<TrialRecord> prior;
    private final TrialRunner runner;
    private final SearchListener listener;
    private final SearchControl control;
    private int mismatch = -1;

    TrialExecutor(RankSpace space, long seed, List<TrialRecord> prior, TrialRunner runner, SearchListener listener,
                  SearchControl control) {
        this.space = space;
        this.seed = seed;
        this.prior = validate(space, prior);
        this.runner = runner;
        this.listener = listener;
        this.control = control;
    }

    static List<TrialRecord> validate(RankSpace space, List<TrialRecord> prior) {
        List<TrialRecord> list = prior == null ? List.of() : List.copyOf(prior);
        for (int i = 0; i < list.size(); i++) {
            TrialRecord r = list.get(i);
            if (r.index() != i) {
                throw new InvalidFieldException("trials[" + i + "].index", "expected " + i + " (records of one strategy, in order), was " + r.index());
            }
            space.require("trials[" + i + "].ranks", r.ranks());
        }
        return list;
    }

    boolean isReplay(int index) {
        return index < prior.size();
    }

    int mismatch() {
        return mismatch;
    }

    /** The record of trial {@code index}; null when the trial was cancelled. */
    TrialRecord execute(int index, TrialPhase phase, int[] ranks, double predicted) {
        if (isReplay(index)) {
            TrialRecord r = prior.get(index);
            if (mismatch < 0 && (!Arrays.equals(r.ranks(), ranks) || r.phase() != phase)) {
                mismatch = index;
            }
            return r;
        }
        long trialSeed = SeedStreams.trialSeed(seed, index);
        listener.trialStarted(index, ranks.clone(), predicted, phase);
        long t0 = System.nanoTime();
        TrialOutcome outcome;
        try {
            control.token().throwIfCancelled();
            outcome = runner.run(ranks.clone(), trialSeed, control.token());
        } catch (CancelledException e) {
            return null;
        }
        if (outcome == null) {
            throw new IllegalStateException("trial runner returned no outcome for trial " + index);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        TrialRecord rec = new TrialRecord(index, phase, ranks, trialSeed, predicted, outcome.score(), outcome.taskScores(), ms);
        listener.trialFinished(rec);
        return rec;
    }

    /** Between-trial control: cancel, stop, pause (waits here), time budget; null = go on. */
    static StopReason checkControl(SearchControl control, SearchListener listener, int nextIndex, long startNanos,
                                   long budgetSeconds) {
        if (control.token().isCancelled()) {
            return StopReason.CANCELLED;
        }
        if (control.isStopRequested()) {
            return StopReason.STOPPED;
        }
        if (control.isPaused()) {
            listener.paused(nextIndex);
            control.awaitWhilePaused();
            if (control.token().isCancelled()) {
                return StopReason.CANCELLED;
            }
            if (control.isStopRequested()) {
                return StopReason.STOPPED;
            }
        }
        if (budgetSeconds > 0 && System.nanoTime() - startNanos >= budgetSeconds * 1_000_000_000L) {
            return StopReason.TIME_BUDGET;
        }
        return null;
    }

    static String describe(StopReason reason, int trials) {
        return switch (reason) {
            case CONVERGED -> "prediction error stayed under the threshold; " + trials + " trials";
            case MAX_TRIALS -> "trial budget spent (" + trials + " trials)";
            case TIME_BUDGET -> "time budget spent after " + trials + " trials";
            case STOPPED -> "stopped by the user after " + trials + " trials";
            case CANCELLED -> "cancelled by the user; " + trials + " finished trials kept";
        };
    }
}

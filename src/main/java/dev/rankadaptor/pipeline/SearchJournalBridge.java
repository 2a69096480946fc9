package dev.rankadaptor.pipeline;

import dev.rankadaptor.recover.PrunableLayers;
import dev.rankadaptor.experiment.RecoveryMethod;
import dev.rankadaptor.experiment.JournalRecord;
import dev.rankadaptor.search.ModelUpdate;
import dev.rankadaptor.search.SearchListener;
import dev.rankadaptor.search.SeedStreams;
import dev.rankadaptor.search.StopReason;
import dev.rankadaptor.search.TrialOutcome;
import dev.rankadaptor.search.TrialNoise;
import dev.rankadaptor.search.TrialPhase;
import dev.rankadaptor.search.TrialRecord;
import dev.rankadaptor.search.TrialRunner;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Connects one search strategy (RankAdaptor or random search) to the run: each trial is a LoRA
 * recovery of the pruned model, and each event becomes one journal record (flushed and synced)
 * before the listener sees it, so the journal is never behind what the user was shown.
 */
final class SearchJournalBridge implements SearchListener, TrialRunner {
    private final RecoveryMethod method;
    private final RunContext ctx;
    private final PrunableLayers layers;
    private final long strategySeed;
    private int globalIndex = -1;
    private double predicted = Double.NaN;
    private TrialMeasurement last;

    SearchJournalBridge(RecoveryMethod method, RunContext ctx, PrunableLayers layers, long strategySeed) {
        this.method = method;
        this.strategySeed = strategySeed;
        this.ctx = ctx;
        this.layers = layers;
    }

    /** Search-space ranks (prunable layers) to a rank per layer; protected layers get the base rank. */
    int[] fullRanks(int[] searchRanks) {
        return layers.toFull(searchRanks);
    }

    /** A rank per layer to the search space's ranks (prunable layers only). */
    int[] searchRanks(int[] full) {
        return layers.toLocal(full);
    }

    /** Earlier finished trials of this method, as the strategy's prior records (local indices 0..n-1). */
    List<TrialRecord> prior(List<JournalRecord.TrialFinished> finished) {
        List<TrialRecord> out = new ArrayList<>();
        for (JournalRecord.TrialFinished t : finished) {
            out.add(new TrialRecord(out.size(), t.phase(), layers.toLocal(t.rankArray()), t.seed(), t.predicted() == null ? Double.NaN : t.predicted(),
                    t.score(), t.taskScores(), Math.round((t.trainSeconds() + t.evalSeconds()) * 1000)));
        }
        return out;
    }

    @Override
    public void trialStarted(int index, int[] ranks, double predictedScore, TrialPhase phase) {
        globalIndex = ctx.nextTrialIndex();
        predicted = predictedScore;
        JournalRecord.TrialStarted rec = new JournalRecord.TrialStarted(globalIndex, phase,
                method, box(fullRanks(ranks)), SeedStreams.trialSeed(strategySeed, index), Double.isNaN(predictedScore) ? null : predictedScore);
        ctx.journal().append(rec);
        ctx.listener().trialStarted(rec);
    }

    @Override
    public TrialOutcome run(int[] ranks, long seed, dev.rankadaptor.common.CancellationToken token) {
        int idx = globalIndex;
        JournalRecord.TrialFinished same = ctx.measured(fullRanks(ranks), seed);
        if (same != null) {
            ctx.listener().log("same ranks and seed as trial " + same.index() + ": its measurement is reused");
            last = new TrialMeasurement(same.score(), same.taskScores(), same.loss(), 0, 0, same.rankArray());
        } else {
            last = ctx.workspace().lora(fullRanks(ranks), seed, ctx.searchSubset(),
                    new TrialStepForwarder(ctx.listener(), idx, ctx.workspace().runFolder()), token, null);
        }
        return new TrialOutcome(last.score(), last.taskScores());
    }

    @Override
    public void trialFinished(TrialRecord record) {
        JournalRecord.TrialFinished rec = new JournalRecord.TrialFinished(globalIndex, record.phase(),
                method, box(fullRanks(record.ranks())), record.seed(), Double.isNaN(predicted) ? null : predicted,
                record.score(), record.taskScores(), last.loss(), last.trainSeconds(), last.evalSeconds(),
                ctx.workspace().device());
        ctx.journal().append(rec);
        ctx.remember(rec);
        ctx.listener().trialFinished(rec);
    }

    @Override
    public void modelUpdated(ModelUpdate update) {
        List<Double> preds = new ArrayList<>();
        for (double p : update.predicted()) {
            preds.add(p);
        }
        ctx.journal().append(new JournalRecord.ModelUpdated(Math.max(0, globalIndex), update.trainMse(), preds));
        ctx.listener().modelUpdated(update);
    }

    @Override
    public void noiseMeasured(TrialNoise noise, double threshold) {
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

    static List<Integer> box(int[] ranks) {
        return Arrays.stream(ranks).boxed().toList();
    }
}

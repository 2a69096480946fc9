package dev.rankadaptor.pipeline;

import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.common.InvalidFieldException;
import dev.rankadaptor.compute.DeviceChoice;
import dev.rankadaptor.experiment.Journal;
import dev.rankadaptor.experiment.JournalRecord;
import dev.rankadaptor.experiment.ProjectFile;
import dev.rankadaptor.experiment.RunDirectory;

/**
 * One trial as a self-contained job: run folder + rank vector + seed in, one journal record out.
 * This is what a cluster scheduler runs on another GPU or host (one process per trial; DJL allows
 * one gradient collector per JVM). It takes the run's lock for its duration, so it must not run
 * while the run's own orchestrator holds it.
 */
public final class TrialJob {
    private TrialJob() {
    }

    /** Runs LoRA recovery with {@code fullRanks} (one rank per layer) and appends the result. */
    public static JournalRecord.TrialFinished run(RunDirectory dir, String method, String phase, int[] fullRanks, long seed,
                                                  boolean finalSubset, RunListener listener, CancellationToken cancel) {
        dev.rankadaptor.compute.Engines.prepareWorkerThread();
        ProjectFile pf = dir.projectForResume();
        DeviceChoice device = pf.project().deviceChoice().resolve().device();
        try (Journal journal = dir.openJournal()) {
            new PruneStage(dir, pf, journal, listener).ensurePruned(device, cancel);
            try (TrialWorkspace ws = TrialWorkspace.open(pf, dir.prunedDir(), device, dir.path())) {
                if (fullRanks.length != ws.numLayers()) {
                    throw new InvalidFieldException("--ranks", "needs one rank per layer of the pruned model ("
                            + ws.numLayers() + "), got " + fullRanks.length);
                }
                var eval = pf.project().evaluation();
                EvalScope subset = finalSubset ? EvalScope.report(eval.finalSubset().toSubset())
                        : EvalScope.selection(eval.searchSubset().toSubset());
                int index = dir.replay().nextTrialIndex();
                JournalRecord.TrialStarted started = new JournalRecord.TrialStarted(index, phase, method,
                        SearchJournalBridge.box(fullRanks), seed, null);
                journal.append(started);
                listener.trialStarted(started);
                TrialMeasurement m = ws.lora(fullRanks, seed, subset, new TrialStepForwarder(listener, index), cancel, null);
                JournalRecord.TrialFinished rec = new JournalRecord.TrialFinished(index, phase, method,
                        SearchJournalBridge.box(fullRanks), seed, null, m.score(), m.taskScores(), m.loss(),
                        m.trainSeconds(), m.evalSeconds(), ws.device());
                journal.append(rec);
                listener.trialFinished(rec);
                return rec;
            }
        }
    }
}

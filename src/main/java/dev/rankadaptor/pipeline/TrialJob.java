package dev.rankadaptor.pipeline;

import dev.rankadaptor.search.TrialPhase;
import dev.rankadaptor.experiment.RecoveryMethod;
import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.common.InvalidFieldException;
import dev.rankadaptor.compute.DeviceChoice;
import dev.rankadaptor.experiment.Journal;
import dev.rankadaptor.experiment.JournalRecord;
import dev.rankadaptor.experiment.ProjectFile;
import dev.rankadaptor.experiment.RunDirectory;

/**
 * One trial as a self-contained job: run folder + rank vector + seed in, one record out (one process
 * per trial; DJL allows one gradient collector per JVM). Two modes: {@link #run} (the manual
 * {@code trial} command) takes the run's lock and appends to the journal itself; {@link #runWorker}
 * (a worker process or cluster job of a parallel run) takes no lock, never touches the journal and
 * writes its record atomically to its own result file, which the run's coordinator journals.
 */
public final class TrialJob {
    private TrialJob() {
    }

    /** Runs LoRA recovery with {@code fullRanks} (one rank per layer) and appends the result. */
    public static JournalRecord.TrialFinished run(RunDirectory dir, RecoveryMethod method, TrialPhase phase, int[] fullRanks, long seed,
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
                TrialMeasurement m = ws.lora(fullRanks, seed, subset, new TrialStepForwarder(listener, index, dir.path()), cancel, null);
                JournalRecord.TrialFinished rec = new JournalRecord.TrialFinished(index, phase, method,
                        SearchJournalBridge.box(fullRanks), seed, null, m.score(), m.taskScores(), m.loss(),
                        m.trainSeconds(), m.evalSeconds(), ws.device());
                journal.append(rec);
                listener.trialFinished(rec);
                return rec;
            }
        }
    }

    /** Test hook of the fault tests: trial indices whose worker fails on purpose, comma-separated. */
    public static final String FAIL_ENV = "RANKADAPTOR_FAIL_TRIALS";

    /**
     * Worker mode: measures {@code spec} on {@code device} with the run's pruned model (the
     * coordinator prunes before it dispatches) and writes {@code trials/<index>/attempt-<a>.result.json}.
     * Any error ends the process non-zero with the message in its log; the coordinator decides about retries.
     */
    public static JournalRecord.TrialFinished runWorker(RunDirectory dir, TrialSpec spec, int attempt, String device,
                                                        RunListener listener, CancellationToken cancel) {
        dev.rankadaptor.compute.Engines.prepareWorkerThread();
        String fail = System.getenv(FAIL_ENV);
        if (fail != null && java.util.Arrays.asList(fail.split(",")).contains(Integer.toString(spec.index()))) {
            throw new IllegalStateException("trial " + spec.index() + " is listed in " + FAIL_ENV + " and fails on purpose");
        }
        ProjectFile pf = dir.projectForResume();
        if (!java.nio.file.Files.isDirectory(dir.prunedDir()) || dir.prunedKey().isEmpty()) {
            throw new dev.rankadaptor.common.UserInputException(dir.prunedDir() + ": the run has no pruned model yet;"
                    + " a worker only runs trials of a run whose coordinator has pruned");
        }
        DeviceChoice choice = DeviceChoice.parse(device).resolve().device();
        try (TrialWorkspace ws = TrialWorkspace.open(pf, dir.prunedDir(), choice, dir.path())) {
            if (!spec.adalora() && spec.ranks().length != ws.numLayers()) {
                throw new InvalidFieldException("--ranks", "needs one rank per layer of the pruned model ("
                        + ws.numLayers() + "), got " + spec.ranks().length);
            }
            var eval = pf.project().evaluation();
            EvalScope subset = spec.finalSubset() ? EvalScope.report(eval.finalSubset().toSubset())
                    : EvalScope.selection(eval.searchSubset().toSubset());
            TrialStepForwarder steps = new TrialStepForwarder(listener, spec.index(), dir.path());
            TrialMeasurement m = spec.adalora()
                    ? ws.adalora(spec.seed(), subset, steps, cancel, spec.exportAdapter())
                    : ws.lora(spec.ranks(), spec.seed(), subset, steps, cancel, spec.exportAdapter());
            JournalRecord.TrialFinished rec = new JournalRecord.TrialFinished(spec.index(), spec.phase(), spec.method(),
                    SearchJournalBridge.box(m.finalRanks()), spec.seed(), spec.predicted(), m.score(), m.taskScores(),
                    m.loss(), m.trainSeconds(), m.evalSeconds(), ws.device());
            dev.rankadaptor.experiment.TrialResultFile.write(dir.trialResultFile(spec.index(), attempt), rec);
            listener.trialFinished(rec);
            return rec;
        }
    }
}

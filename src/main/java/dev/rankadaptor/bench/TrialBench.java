package dev.rankadaptor.bench;

import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.compute.DeviceChoice;
import dev.rankadaptor.experiment.Journal;
import dev.rankadaptor.experiment.ProjectFile;
import dev.rankadaptor.experiment.RunDirectory;
import dev.rankadaptor.pipeline.MethodRanks;
import dev.rankadaptor.pipeline.PruneStage;
import dev.rankadaptor.pipeline.RunListener;
import dev.rankadaptor.pipeline.TrialMeasurement;
import dev.rankadaptor.pipeline.TrialWorkspace;
import dev.rankadaptor.train.TrainingListener;

import java.nio.file.Path;

/**
 * One whole trial of the demo project (LoRA recovery + subset evaluation) as a search runs it:
 * its seconds, the split between training and evaluation, and what a 20-trial search costs.
 * The demo is pruned into a scratch run folder first (not timed).
 */
public final class TrialBench {
    private TrialBench() {
    }

    public static String run(Path demoProject, Path workDir) {
        ProjectFile pf = ProjectFile.read(demoProject);
        try (RunDirectory dir = RunDirectory.create(workDir.resolve("runs"), pf); Journal journal = dir.openJournal()) {
            new PruneStage(dir, pf, journal, RunListener.NONE).ensurePruned(DeviceChoice.cpu(), CancellationToken.none());
            try (TrialWorkspace ws = TrialWorkspace.open(pf, dir.prunedDir(), DeviceChoice.cpu())) {
                var subset = dev.rankadaptor.pipeline.EvalScope.selection(pf.project().evaluation().searchSubset().toSubset());
                int[] ranks = MethodRanks.uniform(ws.numLayers(), pf.project().recovery().baseRank());
                ws.lora(ranks, 1, subset, TrainingListener.NONE, CancellationToken.none(), null); // warm-up
                long t0 = System.nanoTime();
                TrialMeasurement m = ws.lora(ranks, 2, subset, TrainingListener.NONE, CancellationToken.none(), null);
                double total = (System.nanoTime() - t0) / 1e9;
                return String.format("one demo trial: %.1f s (training %.1f s = %.0f%%, evaluation %.1f s = %.0f%%, %d steps)%n"
                                + "20 trials: ~%.1f min plus the performance model's bookkeeping (see the search suite)",
                        total, m.trainSeconds(), 100 * m.trainSeconds() / total, m.evalSeconds(), 100 * m.evalSeconds() / total,
                        m.loss().steps(), 20 * total / 60);
            }
        }
    }
}

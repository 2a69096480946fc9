package dev.rankadaptor.pipeline;

import dev.rankadaptor.checkpoint.Checkpoint;
import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.compute.DeviceChoice;
import dev.rankadaptor.experiment.Journal;
import dev.rankadaptor.experiment.JournalRecord;
import dev.rankadaptor.experiment.ProjectFile;
import dev.rankadaptor.experiment.PrunedModelKey;
import dev.rankadaptor.experiment.RunDirectory;
import dev.rankadaptor.prune.PruneJob;
import dev.rankadaptor.prune.PruneOutcome;
import dev.rankadaptor.prune.PruningConfig;

import java.util.Optional;

/**
 * Makes sure {@code runs/<id>/pruned/} holds the pruned model for the project's inputs: kept
 * when already complete, adopted from another run with identical inputs, or pruned now.
 */
public final class PruneStage {
    private final RunDirectory dir;
    private final ProjectFile pf;
    private final Journal journal;
    private final RunListener listener;

    public PruneStage(RunDirectory dir, ProjectFile pf, Journal journal, RunListener listener) {
        this.dir = dir;
        this.pf = pf;
        this.journal = journal;
        this.listener = listener;
    }

    public void ensurePruned(DeviceChoice device, CancellationToken cancel) {
        PrunedModelKey key = PrunedModelKey.of(pf);
        if (dir.hasPrunedModel(key)) {
            return;
        }
        long t0 = System.nanoTime();
        Optional<java.nio.file.Path> other = RunDirectory.findReusablePruned(pf.runsFolder(), key);
        if (other.isPresent()) {
            dir.adoptPruned(other.get(), key);
            journal.append(new JournalRecord.Pruned("reused the pruned model of " + other.get().getParent().getFileName(),
                    (System.nanoTime() - t0) / 1e9, key.hash(), true));
            listener.log("reused pruned model from " + other.get());
            return;
        }
        dir.invalidatePruned();
        int layers;
        try (Checkpoint source = Checkpoint.open(pf.checkpointPath(), w -> listener.log("warning: " + w))) {
            layers = source.layout().size();
        }
        PruningConfig cfg = ProjectMapping.pruning(pf, layers);
        PruneOutcome out = PruneJob.run(pf.checkpointPath(), dir.prunedDir(), cfg, device.toDjl(), true,
                (phase, fraction) -> listener.log(String.format("pruning: %s %.0f%%", phase, fraction * 100)), cancel);
        dir.markPruned(key);
        String summary = String.format("%s pruning to %,d parameters (%.1f%% removed)", cfg.method(),
                out.parametersAfter(), out.plan().achievedGlobalRatio() * 100);
        journal.append(new JournalRecord.Pruned(summary, (System.nanoTime() - t0) / 1e9, key.hash(), false));
        listener.log(summary);
    }
}

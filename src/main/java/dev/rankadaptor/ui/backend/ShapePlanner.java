package dev.rankadaptor.ui.backend;

import dev.rankadaptor.checkpoint.LayerLayout;
import dev.rankadaptor.checkpoint.SafetensorsDtype;
import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.prune.PruneJob;
import dev.rankadaptor.prune.PruningConfig;
import dev.rankadaptor.prune.PruningPlan;
import dev.rankadaptor.checkpoint.CheckpointSummary;
import dev.rankadaptor.ui.pruning.PruningPlanner;

/**
 * The Pruning panel's live plan over the pruner's own shape planner
 * ({@link dev.rankadaptor.prune.PrunedWidths#plan}): the widths the run's configuration would
 * produce, computed from config and layout alone (no weights, no calibration pass), so it is cheap
 * enough to redo on every slider move. A target the model cannot reach comes back as the planner's
 * InvalidFieldException, shown inline.
 */
public final class ShapePlanner implements PruningPlanner {
    @Override
    public LayerLayout plan(CheckpointSummary checkpoint, PruningConfig config, CancellationToken token) {
        token.throwIfCancelled();
        return planOf(checkpoint, config).layoutAfter();
    }

    /** The full plan (per-layer table, parameter counts), counted in the checkpoint's stored dtype as a run does. */
    public static PruningPlan planOf(CheckpointSummary checkpoint, PruningConfig config) {
        int bytes = 4;
        for (SafetensorsDtype d : SafetensorsDtype.values()) {
            if (d.toString().equals(checkpoint.fileDtype())) {
                bytes = PruneJob.bytesPerParameter(d);
            }
        }
        return dev.rankadaptor.prune.PrunedWidths.plan(config, checkpoint.config(), checkpoint.layout(), bytes);
    }
}

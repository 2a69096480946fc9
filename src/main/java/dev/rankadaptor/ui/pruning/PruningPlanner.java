package dev.rankadaptor.ui.pruning;

import dev.rankadaptor.checkpoint.LayerLayout;
import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.checkpoint.CheckpointSummary;
import dev.rankadaptor.prune.PruningConfig;

/**
 * The seam to the pruner's shape-only plan: the per-layer widths {@code config} would produce on
 * the checkpoint, without touching any weights. The config is the run's own
 * ({@code pipeline.ProjectMapping.pruning} of the panel's pruning section), so the seam only plans.
 * Runs on a worker thread.
 */
@FunctionalInterface
public interface PruningPlanner {
    LayerLayout plan(CheckpointSummary checkpoint, PruningConfig config, CancellationToken token);
}

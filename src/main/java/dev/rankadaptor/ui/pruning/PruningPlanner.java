package dev.rankadaptor.ui.pruning;

import dev.rankadaptor.checkpoint.LayerLayout;
import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.checkpoint.CheckpointSummary;

/**
 * The seam to the pruner's shape-only plan (implemented by the lead over the {@code prune}
 * package): the per-layer widths the settings would produce, without touching any weights.
 * Runs on a worker thread.
 */
@FunctionalInterface
public interface PruningPlanner {
    LayerLayout plan(CheckpointSummary checkpoint, PruningChoice choice, CancellationToken token);
}

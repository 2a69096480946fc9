package dev.rankadaptor.ui.backend;

import dev.rankadaptor.checkpoint.LayerLayout;
import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.prune.ImportanceKind;
import dev.rankadaptor.prune.PruningConfig;
import dev.rankadaptor.prune.PruningMethod;
import dev.rankadaptor.prune.PruningPlan;
import dev.rankadaptor.ui.checkpoint.CheckpointSummary;
import dev.rankadaptor.ui.pruning.PruningChoice;
import dev.rankadaptor.ui.pruning.PruningPlanner;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The Pruning panel's live plan over the pruner's own shape planner
 * ({@link dev.rankadaptor.prune.PrunedWidths#plan}): the widths the settings would produce,
 * computed from config and layout alone (no weights, no calibration pass), so it is cheap enough
 * to redo on every slider move. A target the model cannot reach comes back as the planner's
 * InvalidFieldException, shown inline.
 */
public final class ShapePlanner implements PruningPlanner {
    @Override
    public LayerLayout plan(CheckpointSummary checkpoint, PruningChoice choice, CancellationToken token) {
        token.throwIfCancelled();
        return planOf(checkpoint, choice).layoutAfter();
    }

    /** The full plan (per-layer table, parameter counts) for the same settings. */
    public static PruningPlan planOf(CheckpointSummary checkpoint, PruningChoice choice) {
        return dev.rankadaptor.prune.PrunedWidths.plan(config(checkpoint.folder(), choice), checkpoint.config(),
                checkpoint.layout(), 4);
    }

    /** The pruner's configuration for the panel's settings (calibration resolved against the checkpoint folder). */
    public static PruningConfig config(Path base, PruningChoice c) {
        boolean global = c.ratioKind().equals("global");
        PruningMethod method = c.method().equals("depth") ? PruningMethod.DEPTH : PruningMethod.BLOCK;
        Path calibration = base == null ? Path.of(c.calibrationFile()) : base.resolve(c.calibrationFile());
        return new PruningConfig(method, global ? c.ratio() : null, global ? null : c.ratio(), c.protectedLayers(),
                ImportanceKind.valueOf(c.importance().toUpperCase(Locale.ROOT)), null, calibration,
                c.calibrationSamples(), PruningConfig.DEFAULT_WINDOW, 42);
    }
}

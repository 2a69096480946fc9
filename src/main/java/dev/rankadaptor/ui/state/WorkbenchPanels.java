package dev.rankadaptor.ui.state;

import dev.rankadaptor.ui.checkpoint.CheckpointViewModel;
import dev.rankadaptor.ui.exec.UiExecutor;
import dev.rankadaptor.ui.pruning.PruningViewModel;
import dev.rankadaptor.ui.recovery.RecoverySearchViewModel;
import dev.rankadaptor.ui.run.LossCurveModel;
import dev.rankadaptor.ui.run.RunControlsViewModel;

/**
 * What the back end ({@code ui.backend}) may touch of a workbench window besides its
 * {@link WorkbenchState}: the panels whose settings make up the project file (checkpoint, pruning,
 * recovery &amp; search), and the Run panel, which reports the run controller's own progress (log,
 * state, ETA, loss curve). Everything shown about a run's outcome (trials, baselines, importance,
 * configurations, results) goes through the state instead. Implemented by the window's view model.
 */
public interface WorkbenchPanels {
    WorkbenchState state();

    UiExecutor executor();

    CheckpointViewModel checkpoint();

    PruningViewModel pruning();

    RecoverySearchViewModel recovery();

    RunControlsViewModel run();

    /** The running trial's loss curve. */
    LossCurveModel loss();
}

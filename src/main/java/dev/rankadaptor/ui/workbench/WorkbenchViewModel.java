package dev.rankadaptor.ui.workbench;

import dev.rankadaptor.reference.PaperReference;
import dev.rankadaptor.ui.charts.ChartsViewModel;
import dev.rankadaptor.ui.checkpoint.CheckpointViewModel;
import dev.rankadaptor.ui.pruning.PruningViewModel;
import dev.rankadaptor.ui.recovery.RecoverySearchViewModel;
import dev.rankadaptor.ui.exec.UiExecutor;
import dev.rankadaptor.ui.results.ResultsViewModel;
import dev.rankadaptor.ui.run.RunController;
import dev.rankadaptor.ui.run.RunControlsViewModel;
import dev.rankadaptor.ui.trials.TrialsTableModel;

/**
 * All panel view models of one workbench window, created from the services the application
 * wires in. This is the object the lead connects to the back end: feed {@link #trials()} from the
 * search journal, {@link #results()} from results.json, {@link #charts()} from model updates, and
 * implement {@link RunController} over the experiment runner.
 */
public final class WorkbenchViewModel {
    private final UiExecutor executor;
    private final ResultsViewModel results;
    private final TrialsTableModel trials = new TrialsTableModel();
    private final ChartsViewModel charts;
    private final RunControlsViewModel run;
    private final CheckpointViewModel checkpoint;
    private final PruningViewModel pruning;
    private final RecoverySearchViewModel recovery = new RecoverySearchViewModel();
    private final dev.rankadaptor.ui.recovery.DataFilesViewModel dataFiles;
    private final dev.rankadaptor.ui.run.LossCurveModel loss = new dev.rankadaptor.ui.run.LossCurveModel();
    private final StatusBarModel statusBar;
    private final dev.rankadaptor.ui.drilldown.TrialDetailViewModel trialDetail;
    private final dev.rankadaptor.ui.drilldown.RunNotesViewModel runNotes;

    public WorkbenchViewModel(UiExecutor executor, WorkbenchServices services) {
        this.executor = executor;
        this.results = new ResultsViewModel(services.reference());
        this.charts = new ChartsViewModel(services.reference().rankConfigs());
        this.run = new RunControlsViewModel(services.runController());
        this.checkpoint = new CheckpointViewModel(executor, services.checkpointInspector());
        this.pruning = new PruningViewModel(executor, services.pruningPlanner());
        pruning.checkpointProperty().bind(checkpoint.summaryProperty());
        this.dataFiles = new dev.rankadaptor.ui.recovery.DataFilesViewModel(executor, recovery.data(),
                pruning.calibrationFileProperty(), java.time.Duration.ofMillis(300));
        this.statusBar = StatusBarModel.of(executor, run, recovery.field("device"));
        this.trialDetail = new dev.rankadaptor.ui.drilldown.TrialDetailViewModel(executor, trials);
        this.runNotes = new dev.rankadaptor.ui.drilldown.RunNotesViewModel(executor, trials);
    }

    /** The selected trial's drill-down (read from the open run folder). */
    public dev.rankadaptor.ui.drilldown.TrialDetailViewModel trialDetail() {
        return trialDetail;
    }

    /** Notes and tags of the open run and its trials (notes.json). */
    public dev.rankadaptor.ui.drilldown.RunNotesViewModel runNotes() {
        return runNotes;
    }

    /** The status bar's figures (device, memory, run state, trials, ETA). */
    public StatusBarModel statusBar() {
        return statusBar;
    }

    /** The Recovery &amp; Search panel's data-file checks (started by the panel's view). */
    public dev.rankadaptor.ui.recovery.DataFilesViewModel dataFiles() {
        return dataFiles;
    }

    /** Convenience for callers without checkpoint reader and pruning planner. */
    public WorkbenchViewModel(UiExecutor executor, PaperReference reference, RunController runController) {
        this(executor, new WorkbenchServices(reference, runController, null, null));
    }

    public CheckpointViewModel checkpoint() {
        return checkpoint;
    }

    public RecoverySearchViewModel recovery() {
        return recovery;
    }

    public PruningViewModel pruning() {
        return pruning;
    }

    public UiExecutor executor() {
        return executor;
    }

    public ResultsViewModel results() {
        return results;
    }

    public TrialsTableModel trials() {
        return trials;
    }

    public ChartsViewModel charts() {
        return charts;
    }

    /** The running trial's loss curve. */
    public dev.rankadaptor.ui.run.LossCurveModel loss() {
        return loss;
    }

    public RunControlsViewModel run() {
        return run;
    }
}

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
import dev.rankadaptor.ui.state.ShownRun;
import dev.rankadaptor.ui.state.WorkbenchPanels;
import dev.rankadaptor.ui.state.WorkbenchState;

import java.util.function.Function;

/**
 * All panel view models of one workbench window, created from the services the application
 * wires in, and the window's one observable {@link WorkbenchState}. The panels showing a run
 * (trials, charts, results) are bound to that state here, so the back end that writes the state
 * never names them; the settings panels and the Run panel are what {@link WorkbenchPanels} hands
 * the back end.
 */
public final class WorkbenchViewModel implements WorkbenchPanels {
    private final UiExecutor executor;
    private final WorkbenchState state = new WorkbenchState();
    private final ResultsViewModel results;
    private final TrialsTableModel trials = new TrialsTableModel();
    private final ChartsViewModel charts;
    private final RunControlsViewModel run;
    private final CheckpointViewModel checkpoint;
    private final PruningViewModel pruning;
    private final dev.rankadaptor.ui.pruning.StagePreflightModel preflight;
    private final RecoverySearchViewModel recovery = new RecoverySearchViewModel();
    private final dev.rankadaptor.ui.recovery.DataFilesViewModel dataFiles;
    private final dev.rankadaptor.ui.run.LossCurveModel loss = new dev.rankadaptor.ui.run.LossCurveModel();
    private final StatusBarModel statusBar;
    private final dev.rankadaptor.ui.drilldown.TrialDetailViewModel trialDetail;
    private final dev.rankadaptor.ui.drilldown.RunNotesViewModel runNotes;

    public WorkbenchViewModel(UiExecutor executor, WorkbenchServices services) {
        this(executor, services, panels -> services.runController());
    }

    /**
     * With a run controller made for this window's panels ({@code controllerFor} is called once,
     * after every panel exists; {@code services.runController()} is not used).
     */
    public WorkbenchViewModel(UiExecutor executor, WorkbenchServices services,
                              Function<WorkbenchPanels, RunController> controllerFor) {
        this.executor = executor;
        this.results = new ResultsViewModel(services.reference());
        this.charts = new ChartsViewModel(services.reference().rankConfigs());
        this.checkpoint = new CheckpointViewModel(executor, services.checkpointInspector());
        this.pruning = new PruningViewModel(executor, services.pruningPlanner());
        pruning.checkpointProperty().bind(checkpoint.summaryProperty());
        // one memory pre-flight for the panels' settings, shown by the Checkpoint and the Pruning panel
        this.preflight = new dev.rankadaptor.ui.pruning.StagePreflightModel(executor, pruning, recovery.recoveryProperty(),
                recovery.searchProperty(), recovery.deviceProperty());
        checkpoint.preflight().bind(preflight);
        pruning.preflight().bind(preflight);
        // the live plan resolves the calibration file where the run does: against the project folder
        pruning.projectFolderProperty().bind(recovery.data().projectFolderProperty());
        this.dataFiles = new dev.rankadaptor.ui.recovery.DataFilesViewModel(executor, recovery.data(),
                pruning.calibrationFileProperty(), java.time.Duration.ofMillis(300));
        bindToState();
        this.run = new RunControlsViewModel(controllerFor.apply(this));
        this.statusBar = StatusBarModel.of(executor, run, recovery.field("device"));
        this.trialDetail = new dev.rankadaptor.ui.drilldown.TrialDetailViewModel(executor, trials);
        this.runNotes = new dev.rankadaptor.ui.drilldown.RunNotesViewModel(executor, trials);
    }

    /** The memory pre-flight the Checkpoint and Pruning panels show. */
    public dev.rankadaptor.ui.pruning.StagePreflightModel preflight() {
        return preflight;
    }

    /** The selected trial's drill-down (read from the open run folder). */
    public dev.rankadaptor.ui.drilldown.TrialDetailViewModel trialDetail() {
        return trialDetail;
    }

    /** Notes and tags of the open run and its trials (notes.json). */
    public dev.rankadaptor.ui.drilldown.RunNotesViewModel runNotes() {
        return runNotes;
    }

    /** The panels showing a run follow the state: lists by content, the rest on each change. */
    private void bindToState() {
        javafx.beans.binding.Bindings.bindContent(trials.trials(), state.trials());
        javafx.beans.binding.Bindings.bindContent(charts.baselines(), state.baselines());
        state.importanceProperty().addListener((o, a, v) -> charts.importanceProperty().set(v));
        state.configurationsProperty().addListener((o, a, c) -> charts.setOwnConfigurations(c.labels(), c.ranks()));
        // a new object each time a run is opened, even an equal one: react to every set
        state.shownRunProperty().addListener((javafx.beans.InvalidationListener) o -> show(state.shownRunProperty().get()));
    }

    private void show(ShownRun r) {
        if (r == null) {
            return;
        }
        if (r.paperReference()) {
            charts.noiseProperty().set(Double.NaN);
            charts.paperChoiceProperty().set(dev.rankadaptor.ui.charts.PaperConfigRows.ALL);
            results.setOwnTable(null);
            results.table().showReferenceProperty().set(true);
            return;
        }
        charts.predictivePowerProperty().set(r.power());
        if (r.table() != null) {
            results.setOwnTable(r.table());
            dev.rankadaptor.experiment.MethodRow ra = r.table().measuredRows().stream()
                    .filter(m -> m.method().equals(dev.rankadaptor.experiment.RecoveryMethod.RANKADAPTOR.id())).findFirst().orElse(null);
            charts.noiseProperty().set(ra == null || ra.average().std() == null ? Double.NaN : ra.average().std());
        }
        results.adapters().setRun(r.folder(), r.table(), executor);
    }

    /** The window's observable state (project, runs, shown run, trials, baselines). */
    @Override
    public WorkbenchState state() {
        return state;
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

    @Override
    public CheckpointViewModel checkpoint() {
        return checkpoint;
    }

    @Override
    public RecoverySearchViewModel recovery() {
        return recovery;
    }

    @Override
    public PruningViewModel pruning() {
        return pruning;
    }

    @Override
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
    @Override
    public dev.rankadaptor.ui.run.LossCurveModel loss() {
        return loss;
    }

    @Override
    public RunControlsViewModel run() {
        return run;
    }
}

package dev.rankadaptor.ui.workbench;

import dev.rankadaptor.reference.PaperReference;
import dev.rankadaptor.ui.charts.ChartsViewModel;
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
    private final ChartsViewModel charts = new ChartsViewModel();
    private final RunControlsViewModel run;

    public WorkbenchViewModel(UiExecutor executor, PaperReference reference, RunController runController) {
        this.executor = executor;
        this.results = new ResultsViewModel(reference);
        this.run = new RunControlsViewModel(runController);
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

    public RunControlsViewModel run() {
        return run;
    }
}

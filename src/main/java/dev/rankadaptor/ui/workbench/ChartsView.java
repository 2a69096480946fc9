package dev.rankadaptor.ui.workbench;

import dev.rankadaptor.ui.charts.ChartPngExport;
import dev.rankadaptor.ui.charts.ChartsViewModel;
import dev.rankadaptor.ui.charts.ConvergenceChart;
import dev.rankadaptor.ui.charts.ImportanceChart;
import dev.rankadaptor.ui.charts.PaperConfigRows;
import dev.rankadaptor.ui.charts.PredictedVsActualChart;
import dev.rankadaptor.ui.charts.RankHeatmap;
import dev.rankadaptor.ui.exec.UiExecutor;
import dev.rankadaptor.ui.trials.TrialRow;
import dev.rankadaptor.ui.trials.TrialsTableModel;
import javafx.collections.ListChangeListener;
import javafx.collections.MapChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.stage.DirectoryChooser;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;

import java.io.File;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Charts panel: layers x trials rank heatmap, predicted vs measured, convergence, per-layer
 * importance and the final configurations heatmap (with an optional pick of the paper's Table 10
 * rows of one pruning rate), all fed from the trials model and the charts
 * view model. Trial updates are coalesced to at most one chart update per pulse; the selected
 * trial is highlighted in the heatmap and the scatter (linked with the trials table). Each chart
 * has a "Save as PNG…" context menu, and "Export all charts…" writes them all into a folder under
 * the stable names of {@link #charts()}.
 */
public final class ChartsView extends GridPane {
    private final TrialsTableModel trials;
    private final RankHeatmap trialHeatmap = new RankHeatmap("Ranks per layer, trials in search order", "trial", "layer");
    private final RankHeatmap configurations = new RankHeatmap("Final configurations", "layer", "method");
    private final PredictedVsActualChart scatter = new PredictedVsActualChart();
    private final ConvergenceChart convergence = new ConvergenceChart();
    private final ImportanceChart importance = new ImportanceChart();
    private final ChartsViewModel vm;
    private final ChartPngExport png;
    private final CheckBox printScale = new CheckBox("2× (print)");

    public ChartsView(TrialsTableModel trials, ChartsViewModel vm, UiExecutor executor) {
        this.trials = trials;
        this.vm = vm;
        setId("charts-view");
        trialHeatmap.setId("trial-heatmap");
        configurations.useRowLabels();
        add(trialHeatmap, 0, 0);
        add(scatter, 1, 0);
        add(convergence, 0, 1);
        add(importance, 1, 1);
        add(configurationsPane(vm), 0, 2, 2, 1);
        png = new ChartPngExport(executor);
        charts().forEach((name, chart) -> png.install(chart, name));
        Button exportAll = new Button("Export all charts…");
        exportAll.setId("charts-export-all");
        exportAll.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Folder for the chart PNGs");
            File folder = chooser.showDialog(getScene() == null ? null : getScene().getWindow());
            if (folder != null) {
                exportAll(folder.toPath());
            }
        });
        printScale.setId("charts-export-print");
        Label status = new Label();
        status.setId("charts-export-status");
        status.textProperty().bind(png.statusProperty());
        Label power = new Label();
        power.setId("charts-predictive-power");
        power.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> dev.rankadaptor.experiment.PredictivePowerText.oneLine(vm.predictivePowerProperty().get()),
                vm.predictivePowerProperty()));
        power.setTooltip(new javafx.scene.control.Tooltip("Held-out (k-fold, identical configurations in one fold) rank "
                + "correlation and RMSE of the performance model, of ridge regression on the rank vector and of the training "
                + "mean; the noise floor is the std of one trial from repeated configurations; see results.md"));
        HBox bar = new HBox(10, exportAll, printScale, new Label("right-click a chart to save it alone"), status, power);
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        bar.setPadding(new Insets(2, 6, 2, 6));
        add(bar, 0, 3, 2, 1);
        for (int i = 0; i < 2; i++) {
            ColumnConstraints c = new ColumnConstraints();
            c.setPercentWidth(50);
            c.setHgrow(Priority.ALWAYS);
            getColumnConstraints().add(c);
        }
        for (double p : new double[] {33, 33, 29}) {
            RowConstraints r = new RowConstraints();
            r.setPercentHeight(p);
            r.setVgrow(Priority.ALWAYS);
            getRowConstraints().add(r);
        }
        RowConstraints barRow = new RowConstraints();
        barRow.setVgrow(Priority.NEVER);
        getRowConstraints().add(barRow);
        Runnable refresh = executor.coalescing(this::refreshNow);
        trials.trials().addListener((ListChangeListener<TrialRow>) c -> refresh.run());
        vm.noiseProperty().addListener((o, a, b) -> refresh.run());
        trials.selectedTrialProperty().addListener((o, a, b) -> showSelection());
        vm.importanceProperty().addListener((o, a, v) -> importance.setImportance(v));
        vm.configurationsProperty().addListener((o, a, v) -> configurations.setData(v));
        vm.baselines().addListener((MapChangeListener<String, Double>) c -> {
            if (c.wasAdded()) {
                convergence.setBaseline(c.getKey(), c.getValueAdded(), trials.trials().size());
            }
        });
        trialHeatmap.setOnCellClicked((x, y) -> {
            if (x < trials.trials().size()) {
                trials.setSelectedTrial(trials.trials().get(x).getIndex());
            }
        });
        scatter.setOnPointClicked(i -> {
            int seen = -1;
            for (TrialRow t : trials.trials()) {
                if (!Double.isNaN(t.getPredicted()) && !Double.isNaN(t.getMeasured()) && ++seen == i) {
                    trials.setSelectedTrial(t.getIndex());
                    return;
                }
            }
        });
        convergence.setOnPointClicked(x -> {
            if (x < trials.trials().size()) {
                trials.setSelectedTrial(trials.trials().get(x).getIndex());
            }
        });
        importance.setImportance(vm.importanceProperty().get());
        configurations.setData(vm.configurationsProperty().get());
        refreshNow();
    }

    /** The final-configurations heatmap with the "Paper Table 10" picker and its note above it. */
    private javafx.scene.Node configurationsPane(ChartsViewModel vm) {
        javafx.scene.control.ComboBox<String> pick = new javafx.scene.control.ComboBox<>(
                javafx.collections.FXCollections.observableArrayList(PaperConfigRows.OPTIONS));
        pick.setId("paper-table10-choice");
        pick.valueProperty().bindBidirectional(vm.paperChoiceProperty());
        pick.setDisable(!vm.hasPaperRows());
        javafx.scene.control.Label note = new javafx.scene.control.Label();
        note.setId("configurations-note");
        note.textProperty().bind(vm.configurationsNoteProperty());
        note.setMinWidth(0);
        note.getStyleClass().add("ra-note");
        javafx.scene.layout.HBox bar = new javafx.scene.layout.HBox(8, new javafx.scene.control.Label("Paper Table 10:"), pick, note);
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        bar.setPadding(new javafx.geometry.Insets(2, 6, 0, 6));
        javafx.scene.layout.BorderPane pane = new javafx.scene.layout.BorderPane(configurations);
        pane.setTop(bar);
        pane.setMinHeight(0);
        return pane;
    }

    /** Pushes the current trials into every chart (the coalesced update; public for the bench). */
    public void refreshNow() {
        List<TrialRow> all = trials.trials();
        trialHeatmap.setData(trials.heatmap());
        double[][] pm = trials.predictedVsMeasured();
        scatter.setPoints(pm[0], pm[1], vm.noiseProperty().get());
        double[] measured = new double[all.size()];
        double[] predicted = new double[all.size()];
        for (int i = 0; i < all.size(); i++) {
            measured[i] = all.get(i).getMeasured();
            predicted[i] = all.get(i).getPredicted();
        }
        convergence.setTrials(measured, predicted);
        showSelection();
    }

    private void showSelection() {
        int pos = trials.selectedPosition();
        trialHeatmap.markColumn(pos);
        int scatterIndex = -1;
        if (pos >= 0) {
            scatterIndex = 0;
            for (int i = 0; i < pos; i++) {
                TrialRow t = trials.trials().get(i);
                if (!Double.isNaN(t.getPredicted()) && !Double.isNaN(t.getMeasured())) {
                    scatterIndex++;
                }
            }
            TrialRow sel = trials.trials().get(pos);
            if (Double.isNaN(sel.getPredicted()) || Double.isNaN(sel.getMeasured())) {
                scatterIndex = -1;
            }
        }
        scatter.select(scatterIndex);
    }

    /** The panel's charts by their PNG file base names (stable: used by "Export all charts…"). */
    public Map<String, Node> charts() {
        Map<String, Node> out = new LinkedHashMap<>();
        out.put("trial-heatmap", trialHeatmap);
        out.put("predicted-vs-measured", scatter);
        out.put("convergence", convergence);
        out.put("importance", importance);
        out.put("final-configurations", configurations);
        return out;
    }

    /** Writes every chart of the panel into {@code folder} (at 2× when "2× (print)" is ticked). */
    public java.util.concurrent.CompletableFuture<List<java.nio.file.Path>> exportAll(java.nio.file.Path folder) {
        return png.exportAll(charts(), folder, printScale.isSelected() ? ChartPngExport.PRINT_SCALE : 1);
    }

    /** The panel's PNG exporter (its status is shown in the panel's bottom bar). */
    public ChartPngExport pngExport() {
        return png;
    }

    public RankHeatmap trialHeatmap() {
        return trialHeatmap;
    }

    public PredictedVsActualChart scatter() {
        return scatter;
    }

    public ConvergenceChart convergence() {
        return convergence;
    }

    public ImportanceChart importance() {
        return importance;
    }

    public RankHeatmap configurations() {
        return configurations;
    }
}

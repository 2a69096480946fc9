package dev.rankadaptor.ui.results;

import dev.rankadaptor.pipeline.AdapterExport;
import dev.rankadaptor.ui.charts.ChartPngExport;
import dev.rankadaptor.ui.charts.RankHeatmap;
import dev.rankadaptor.ui.exec.UiExecutor;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;
import javafx.stage.DirectoryChooser;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.geometry.Orientation;

import java.util.List;

/**
 * Thin view of {@link ResultsViewModel}: the methods x tasks table (best per column in bold with a
 * marker, ties within noise marked "≈"), the paper-rows toggle and block picker, and the Table 10
 * rank heatmap with its notes on malformed rows (right-click: "Save as PNG…"); and "Export adapter
 * (PEFT)…", which copies the open run's best adapter (or the picked method's) to a folder.
 */
public final class ResultsView extends BorderPane {
    private final TableView<ResultsRow> table = new TableView<>();
    /** Holds the table while the Results tab is shown; empty while hidden (see {@link #setTableShown}). */
    private final javafx.scene.layout.StackPane tableHolder = new javafx.scene.layout.StackPane(table);
    private final RankHeatmap table10 = new RankHeatmap("Paper Table 10: ranks found by RankAdaptor (LLaMA-7B, LLM-Pruner)",
            "layer", "rate / task");

    public ResultsView(ResultsViewModel vm, dev.rankadaptor.ui.exec.UiExecutor executor) {
        setId("results-view");
        ResultsTableModel model = vm.table();
        table.setId("results-table");
        table.setItems(model.visibleRows());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<ResultsRow, String> method = new TableColumn<>("Method");
        method.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().label()));
        method.setPrefWidth(190);
        table.getColumns().add(method);
        TableColumn<ResultsRow, String> params = new TableColumn<>("Params (% LoRA)");
        params.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().parameters()));
        params.setPrefWidth(130);
        table.getColumns().add(params);
        List<String> cols = model.columns();
        for (int i = 0; i < cols.size(); i++) {
            table.getColumns().add(scoreColumn(model, cols.get(i), i));
        }
        model.revisionProperty().addListener((o, a, b) -> {
            if (table.getScene() != null) {
                table.refresh();
            }
        });

        CheckBox showPaper = new CheckBox("Show paper rows");
        showPaper.setId("show-paper");
        showPaper.selectedProperty().bindBidirectional(model.showReferenceProperty());
        ComboBox<ReferenceBlock> block = new ComboBox<>(vm.blocks());
        block.setId("paper-block");
        block.valueProperty().bindBidirectional(vm.selectedBlockProperty());
        block.disableProperty().bind(showPaper.selectedProperty().not());
        javafx.scene.control.MenuButton export = new javafx.scene.control.MenuButton("Export table");
        export.setId("results-export");
        for (ResultsViewModel.ExportFormat f : ResultsViewModel.ExportFormat.values()) {
            String ext = switch (f) {
                case CSV -> "csv";
                case MARKDOWN -> "md";
                case LATEX -> "tex";
            };
            javafx.scene.control.MenuItem item = new javafx.scene.control.MenuItem(f.name().toLowerCase() + " (." + ext + ")");
            item.setOnAction(e -> {
                javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
                chooser.setInitialFileName("results." + ext);
                java.io.File file = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
                if (file != null) {
                    vm.export(file.toPath(), f, executor);
                }
            });
            export.getItems().add(item);
        }
        Label status = new Label();
        status.textProperty().bind(vm.exportStatusProperty());
        Label legend = new Label("▲ best · ≈ within noise");
        legend.setId("results-legend");
        legend.setTooltip(new javafx.scene.control.Tooltip("▲ best mean of the column; ≈ within noise of the best: Welch's t-test against the best is not"
                + " significant at two-sided α = 0.05, Holm-corrected over the column; no verdict with fewer than 2 repeats"
                + " (docs/statistics.md).\nOur rows and the paper's rows are ranked"
                + " apart: the paper's are another model (LLaMA-7B) on other data."));
        HBox bar = new HBox(12, new Label("Paper reference:"), block, showPaper, legend, export, status);
        bar.setPadding(new Insets(6));
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        ChartPngExport png = new ChartPngExport(executor);
        png.install(table10, "table10-heatmap");
        VBox top = new VBox(bar, lmEvalMenu(vm, executor), adapterBar(vm.adapters(), executor, png));

        table10.setId("table10-heatmap");
        table10.useRowLabels();
        table10.setData(vm.table10Heatmap());
        Label rows = new Label("Rows, bottom to top: " + String.join(", ", table10.data().rowLabels()));
        rows.setWrapText(true);
        rows.setPadding(new Insets(2, 6, 0, 6));
        Label notes = new Label("Malformed rows in the paper: " + String.join(" | ", vm.table10Notes()));
        notes.setWrapText(true);
        notes.setPadding(new Insets(4, 6, 4, 6));
        VBox bottom = new VBox(table10, rows, notes);
        VBox.setVgrow(table10, javafx.scene.layout.Priority.ALWAYS);

        SplitPane split = new SplitPane(tableHolder, bottom);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.42);
        setTop(top);
        setCenter(split);
    }

    /** "lm-eval rows": add an lm-evaluation-harness results JSON as a reference row, or remove those rows; and its status. */
    private HBox lmEvalMenu(ResultsViewModel vm, UiExecutor executor) {
        javafx.scene.control.MenuButton menu = new javafx.scene.control.MenuButton("lm-eval rows");
        menu.setId("lm-eval-menu");
        javafx.scene.control.MenuItem add = new javafx.scene.control.MenuItem("Add lm-eval results JSON…");
        add.setId("lm-eval-add");
        add.setOnAction(e -> {
            javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
            chooser.setTitle("lm-evaluation-harness results (results_*.json)");
            chooser.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter("JSON", "*.json"));
            java.io.File file = chooser.showOpenDialog(getScene() == null ? null : getScene().getWindow());
            if (file != null) {
                vm.addLmEvalResults(file.toPath(), null, executor);
            }
        });
        javafx.scene.control.MenuItem clear = new javafx.scene.control.MenuItem("Remove lm-eval rows");
        clear.setOnAction(e -> vm.clearLmEvalResults());
        menu.getItems().addAll(add, clear);
        Label status = new Label();
        status.setId("lm-eval-status");
        status.textProperty().bind(vm.lmEvalStatusProperty());
        menu.setTooltip(new Tooltip("Put the official harness's numbers for a model beside ours: per task the metric the paper reports"));
        HBox box = new HBox(12, new Label("Harness reference:"), menu, status);
        box.setPadding(new Insets(0, 6, 6, 6));
        box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return box;
    }

    /** Method picker, "Export adapter (PEFT)…" (disabled with the reason as tooltip), and the export statuses. */
    private HBox adapterBar(AdapterExportViewModel adapters, UiExecutor executor, ChartPngExport png) {
        ComboBox<AdapterExport.Candidate> method = new ComboBox<>(adapters.candidates());
        method.setId("adapter-method");
        method.setPrefWidth(220);
        method.setPromptText("no adapters");
        method.valueProperty().bindBidirectional(adapters.selectedProperty());
        method.disableProperty().bind(adapters.availableProperty().not());
        ComboBox<AdapterExport.Form> form = new ComboBox<>(javafx.collections.FXCollections.observableArrayList(AdapterExport.Form.values()));
        form.setId("adapter-form");
        form.valueProperty().bindBidirectional(adapters.formProperty());
        form.disableProperty().bind(adapters.availableProperty().not());
        form.setTooltip(new Tooltip("adapter for the pruned model: as trained, for the run's pruned/ model; padded HF pair: "
                + "model/ (every layer zero-padded to uniform widths, exact) + adapter/ padded alike, for transformers, PEFT and lm-eval"));
        Button exportAdapter = new Button("Export adapter (PEFT)…");
        exportAdapter.setId("adapter-export");
        exportAdapter.disableProperty().bind(adapters.availableProperty().not().or(adapters.selectedProperty().isNull()));
        Tooltip why = new Tooltip();
        why.textProperty().bind(Bindings.when(adapters.availableProperty())
                .then("Write the chosen method's PEFT adapter (adapter_config.json + adapter_model.safetensors), in the chosen form, into a new or empty folder")
                .otherwise(adapters.disabledReasonProperty()));
        exportAdapter.setTooltip(why);
        // a disabled control gets no mouse events, so the reason is also installed on a wrapper that does
        StackPane holder = new StackPane(exportAdapter);
        holder.setId("adapter-export-holder");
        Tooltip.install(holder, why);
        exportAdapter.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("New or empty folder for the " + (adapters.selectedProperty().get() == null ? ""
                    : adapters.selectedProperty().get().label() + " ") + "adapter");
            java.io.File folder = chooser.showDialog(getScene() == null ? null : getScene().getWindow());
            if (folder != null) {
                adapters.export(folder.toPath(), executor);
            }
        });
        Label adapterStatus = new Label();
        adapterStatus.setId("adapter-export-status");
        adapterStatus.textProperty().bind(adapters.statusProperty());
        Label chartStatus = new Label();
        chartStatus.setId("results-png-status");
        chartStatus.textProperty().bind(png.statusProperty());
        HBox row = new HBox(12, new Label("Adapter of the open run:"), method, form, holder, adapterStatus, chartStatus);
        row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        row.setPadding(new Insets(0, 6, 6, 6));
        return row;
    }

    private static TableColumn<ResultsRow, Number> scoreColumn(ResultsTableModel model, String name, int index) {
        TableColumn<ResultsRow, Number> col = new TableColumn<>(name);
        col.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().value(index)));
        col.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Number v, boolean empty) {
                super.updateItem(v, empty);
                ResultsRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
                getStyleClass().removeAll("ra-best", "ra-within-noise", "ra-reference");
                if (row == null || v == null || Double.isNaN(v.doubleValue())) {
                    setText(null);
                    return;
                }
                CellMark mark = model.mark(row, index);
                String text = String.format("%.2f", v.doubleValue());
                double noise = row.noise(index);
                if (!Double.isNaN(noise)) {
                    text += " ± " + String.format("%.2f", noise);
                }
                switch (mark) {
                    case BEST -> {
                        setText(text + " ▲");
                        getStyleClass().add("ra-best");
                    }
                    case WITHIN_NOISE -> {
                        setText(text + " ≈");
                        getStyleClass().add("ra-within-noise");
                    }
                    default -> setText(text);
                }
                if (row.reference()) {
                    getStyleClass().add("ra-reference");
                }
            }
        });
        col.setSortable(true);
        col.setPrefWidth(95);
        return col;
    }

    /**
     * The panel stays in the scene while hidden (its Table 10 heatmap is a ChartFX chart, see
     * WorkbenchView), but its table need not: out of the scene graph, a run's results updates build no
     * rows or cells on the FX thread (a rebuild of every cell took 130-200 ms on 2 cores during a
     * live run); shown again, the table catches up at once.
     */
    public void setTableShown(boolean shown) {
        if (shown && tableHolder.getChildren().isEmpty()) {
            tableHolder.getChildren().add(table);
            table.refresh();
        } else if (!shown) {
            tableHolder.getChildren().clear();
        }
    }

    public TableView<ResultsRow> table() {
        return table;
    }

    public RankHeatmap table10Heatmap() {
        return table10;
    }
}

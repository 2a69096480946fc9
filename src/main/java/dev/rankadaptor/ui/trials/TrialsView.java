package dev.rankadaptor.ui.trials;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;

/**
 * Thin, virtualised view of {@link TrialsTableModel}: parallel coordinates over the ranks (brushing
 * an axis filters the table), sortable columns (index, phase, predicted, measured, |error|, ranks),
 * filter controls that edit the model's {@link TrialFilter}, and the table selection bound both ways
 * to the model's selected trial.
 */
public final class TrialsView extends BorderPane {
    private final TableView<TrialRow> table = new TableView<>();
    private final Label count = new Label();
    private final ParallelCoordinatesView coordinates;

    public TrialsView(TrialsTableModel model) {
        setId("trials-view");
        table.setId("trials-table");
        table.setItems(model.sortedTrials());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        model.sortedTrials().comparatorProperty().bind(table.comparatorProperty());
        table.getColumns().add(column("#", 50, t -> t.getIndex()));
        TableColumn<TrialRow, String> phase = new TableColumn<>("phase");
        phase.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().getPhase()));
        table.getColumns().add(phase);
        table.getColumns().add(scoreColumn("predicted", TrialRow::getPredicted));
        table.getColumns().add(scoreColumn("measured", TrialRow::getMeasured));
        table.getColumns().add(scoreColumn("|error|", TrialRow::getError));
        TableColumn<TrialRow, String> params = new TableColumn<>("params (% LoRA)");
        params.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().getParameters()));
        params.setPrefWidth(130);
        table.getColumns().add(params);
        TableColumn<TrialRow, String> ranks = new TableColumn<>("ranks (layer 0 ..)");
        ranks.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().ranksText()));
        ranks.setPrefWidth(420);
        table.getColumns().add(ranks);
        TableColumn<TrialRow, String> status = new TableColumn<>("status");
        status.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().statusText()));
        status.setPrefWidth(160);
        table.getColumns().add(status);

        table.getSelectionModel().selectedItemProperty().addListener((o, a, t) -> {
            if (t != null) {
                model.setSelectedTrial(t.getIndex());
            }
        });
        model.selectedTrialProperty().addListener((o, a, idx) -> {
            TrialRow cur = table.getSelectionModel().getSelectedItem();
            if (cur != null && cur.getIndex() == idx.intValue()) {
                return;
            }
            for (int i = 0; i < table.getItems().size(); i++) {
                if (table.getItems().get(i).getIndex() == idx.intValue()) {
                    table.getSelectionModel().clearAndSelect(i);
                    table.scrollTo(i);
                    return;
                }
            }
        });

        ComboBox<String> phaseBox = new ComboBox<>(FXCollections.observableArrayList());
        phaseBox.setPromptText("all phases");
        phaseBox.setOnShowing(e -> phaseBox.getItems().setAll(model.phases()));
        TextField minMeasured = new TextField();
        minMeasured.setPromptText("min measured");
        minMeasured.setPrefColumnCount(9);
        TextField layerRank = new TextField();
        layerRank.setPromptText("layer=rank, e.g. 7=12");
        layerRank.setPrefColumnCount(13);
        TextField notesSearch = new TextField();
        notesSearch.setId("trials-notes-search");
        notesSearch.setPromptText("notes: text or tag:name");
        notesSearch.setPrefColumnCount(14);
        Label error = new Label();
        error.getStyleClass().add("ra-error");
        Button apply = new Button("Filter");
        Button clear = new Button("Clear");
        apply.setOnAction(e -> {
            try {
                model.setFilter(TrialFilter.parse(phaseBox.getValue(), minMeasured.getText(), layerRank.getText()));
                model.searchProperty().set(TrialSearch.parse(notesSearch.getText()));
                error.setText("");
            } catch (IllegalArgumentException ex) {
                error.setText(ex.getMessage());
            }
        });
        clear.setOnAction(e -> {
            phaseBox.setValue(null);
            minMeasured.clear();
            layerRank.clear();
            notesSearch.clear();
            model.searchProperty().set(TrialSearch.NONE);
            error.setText("");
            model.setFilter(TrialFilter.ALL);
        });
        model.sortedTrials().addListener((ListChangeListener<TrialRow>) c -> updateCount(model));
        updateCount(model);
        Button clearBrushes = new Button("Clear brushes");
        clearBrushes.setId("trials-clear-brushes");
        clearBrushes.setOnAction(e -> model.brushes().clearAll());
        notesSearch.setOnAction(apply.getOnAction());
        apply.setId("trials-apply-filter");
        HBox bar = new HBox(8, phaseBox, minMeasured, layerRank, notesSearch, apply, clear, clearBrushes, count, error);
        bar.setPadding(new Insets(6));
        coordinates = new ParallelCoordinatesView(model);
        javafx.scene.control.SplitPane split = new javafx.scene.control.SplitPane(coordinates, table);
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        split.setDividerPositions(0.35);
        setTop(bar);
        setCenter(split);
    }

    private void updateCount(TrialsTableModel model) {
        count.setText(model.sortedTrials().size() + " of " + model.trials().size() + " trials");
    }

    private static TableColumn<TrialRow, Number> column(String name, double width, java.util.function.Function<TrialRow, Number> f) {
        TableColumn<TrialRow, Number> c = new TableColumn<>(name);
        c.setCellValueFactory(v -> new ReadOnlyObjectWrapper<>(f.apply(v.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private static TableColumn<TrialRow, Number> scoreColumn(String name, java.util.function.ToDoubleFunction<TrialRow> f) {
        TableColumn<TrialRow, Number> c = column(name, 90, t -> f.applyAsDouble(t));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Number v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null || Double.isNaN(v.doubleValue()) ? (empty ? null : "–") : String.format("%.4f", v.doubleValue()));
            }
        });
        return c;
    }

    public TableView<TrialRow> table() {
        return table;
    }

    public ParallelCoordinatesView coordinates() {
        return coordinates;
    }
}

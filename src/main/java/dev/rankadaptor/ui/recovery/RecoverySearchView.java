package dev.rankadaptor.ui.recovery;

import dev.rankadaptor.pipeline.DataFileCheck;
import dev.rankadaptor.eval.TaskKind;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableSet;
import javafx.collections.SetChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

import java.util.TreeSet;
import java.util.function.Function;

/**
 * Thin view of {@link RecoverySearchViewModel}: one text field per setting, target check boxes,
 * inline error; then the data fields (recovery data, validation size, tasks, task folder, subsets)
 * and the "Data files" table of {@link DataFilesViewModel} (each file's path, row count and check).
 */
public final class RecoverySearchView extends ScrollPane {

    public RecoverySearchView(RecoverySearchViewModel vm, DataFilesViewModel files) {
        setId("recovery-view");
        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(5);
        int row = 0;
        for (String name : vm.fieldNames()) {
            TextField f = new TextField();
            f.setId("recovery-" + name);
            f.setPrefColumnCount(16);
            f.textProperty().bindBidirectional(vm.field(name));
            form.addRow(row++, new Label(name), f);
        }
        FlowPane targets = checkBoxes(vm.loraTargets(), new TreeSet<>(dev.rankadaptor.experiment.RecoverySection.TARGETS), t -> t, "target-");
        CheckBox checkpointing = new CheckBox("recovery.gradient_checkpointing (recompute blocks in backward: less memory)");
        checkpointing.setId("recovery-gradient-checkpointing");
        checkpointing.selectedProperty().bindBidirectional(vm.gradientCheckpointingProperty());
        form.addRow(row++, checkpointing);
        Label error = new Label();
        error.setId("recovery-error");
        error.getStyleClass().add("ra-error");
        error.textProperty().bind(vm.errorProperty());
        VBox box = new VBox(8, new Label("LoRA targets"), targets, form, error, dataSection(vm.data(), files));
        box.setPadding(new Insets(8));
        setContent(box);
        setFitToWidth(true);
        files.watch();
        files.request();
    }

    private static VBox dataSection(DataSectionViewModel data, DataFilesViewModel files) {
        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(5);
        addField(form, 0, "recovery.data_file", "data-file", data.dataFileProperty(), 28);
        addField(form, 1, "recovery.validation_size", "validation-size", data.validationSizeProperty(), 8);
        addField(form, 2, "evaluation.task_folder", "task-folder", data.taskFolderProperty(), 28);
        addField(form, 3, "evaluation.search_subset", "search-subset", data.searchSubsetProperty(), 16);
        addField(form, 4, "evaluation.final_subset", "final-subset", data.finalSubsetProperty(), 16);
        java.util.List<String> ids = java.util.Arrays.stream(TaskKind.values()).map(TaskKind::id).toList();
        FlowPane tasks = checkBoxes(data.tasks(), ids, id -> TaskKind.parse(id).displayName(), "task-");
        Label error = new Label();
        error.setId("data-error");
        error.getStyleClass().add("ra-error");
        error.textProperty().bind(data.errorProperty());
        Label hint = new Label("Paths are relative to the project file's folder. Subsets: all | first N | random N seed S.");

        TableView<DataFileCheck> table = new TableView<>(files.checks());
        table.setId("data-files");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("file", 120, DataFileCheck::role));
        table.getColumns().add(column("resolved path", 300, c -> c.path().toString()));
        table.getColumns().add(column("rows", 110, DataFileCheck::countText));
        table.getColumns().add(column("format", 200, DataFileCheck::format));
        TableColumn<DataFileCheck, String> check = column("format check", 420, c -> (c.ok() ? "✓ " : "✗ ") + c.message());
        check.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                DataFileCheck item = empty || getTableRow() == null ? null : getTableRow().getItem();
                setText(empty ? null : text);
                getStyleClass().remove("ra-error");
                if (item != null && !item.ok()) {
                    getStyleClass().add("ra-error");
                }
            }
        });
        table.getColumns().add(check);
        table.setPrefHeight(260);
        Label status = new Label();
        status.setId("data-files-status");
        status.textProperty().bind(files.statusProperty());
        return new VBox(6, new Label("Evaluation tasks"), tasks, form, hint, error, new Label("Data files"), status, table);
    }

    private static void addField(GridPane form, int row, String label, String id, StringProperty p, int columns) {
        TextField f = new TextField();
        f.setId(id);
        f.setPrefColumnCount(columns);
        f.textProperty().bindBidirectional(p);
        form.addRow(row, new Label(label), f);
    }

    private static TableColumn<DataFileCheck, String> column(String name, double width, Function<DataFileCheck, String> f) {
        TableColumn<DataFileCheck, String> c = new TableColumn<>(name);
        c.setCellValueFactory(v -> new ReadOnlyStringWrapper(f.apply(v.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    /** One check box per choice, kept in step with the set both ways (a loaded project updates the boxes). */
    private static FlowPane checkBoxes(ObservableSet<String> set, Iterable<String> choices, Function<String, String> label, String idPrefix) {
        FlowPane pane = new FlowPane(8, 4);
        for (String t : choices) {
            CheckBox box = new CheckBox(label.apply(t));
            box.setId(idPrefix + t);
            box.setMnemonicParsing(false);
            box.setSelected(set.contains(t));
            box.selectedProperty().addListener((o, a, on) -> {
                if (on) {
                    set.add(t);
                } else {
                    set.remove(t);
                }
            });
            set.addListener((SetChangeListener<String>) c -> box.setSelected(set.contains(t)));
            pane.getChildren().add(box);
        }
        return pane;
    }
}

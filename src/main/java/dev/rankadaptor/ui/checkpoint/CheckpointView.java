package dev.rankadaptor.ui.checkpoint;

import dev.rankadaptor.checkpoint.LayerLayout;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;

import java.io.File;

/** Thin view of {@link CheckpointViewModel}: folder field, browse, recent list, summary and per-layer widths. */
public final class CheckpointView extends BorderPane {

    /** One row of the architecture table. */
    public record LayerRow(int index, LayerLayout.Layer layer) {
    }

    public CheckpointView(CheckpointViewModel vm) {
        setId("checkpoint-view");
        TextField folder = new TextField();
        folder.setId("checkpoint-folder");
        folder.setPromptText("checkpoint folder (config.json + safetensors or PyTorch .bin)");
        folder.textProperty().bindBidirectional(vm.folderProperty());
        HBox.setHgrow(folder, Priority.ALWAYS);
        Button browse = new Button("Browse…");
        browse.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            File dir = chooser.showDialog(getScene() == null ? null : getScene().getWindow());
            if (dir != null) {
                vm.folderProperty().set(dir.getPath());
                vm.open();
            }
        });
        Button open = new Button("Open");
        open.setId("checkpoint-open");
        open.setOnAction(e -> vm.open());
        open.disableProperty().bind(vm.loadingProperty());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(vm.loadingProperty());
        HBox bar = new HBox(8, folder, browse, open, busy);
        bar.setPadding(new Insets(6));

        Label error = new Label();
        error.setId("checkpoint-error");
        error.getStyleClass().add("ra-error");
        error.textProperty().bind(vm.errorProperty());
        Label info = new Label();
        info.textProperty().bind(vm.summaryProperty().map(s -> vm.describe()).orElse(""));
        VBox preflight = dev.rankadaptor.ui.pruning.PreflightLines.of("checkpoint-preflight", vm.preflight());

        TableView<LayerRow> layers = new TableView<>();
        layers.setId("checkpoint-layers");
        layers.getColumns().add(col("layer", r -> r.index()));
        layers.getColumns().add(col("heads", r -> r.layer().heads()));
        layers.getColumns().add(col("kv heads", r -> r.layer().kvHeads()));
        layers.getColumns().add(col("MLP width", r -> r.layer().mlpWidth()));
        vm.summaryProperty().addListener((o, a, s) -> {
            layers.getItems().clear();
            if (s != null) {
                for (int i = 0; i < s.layout().size(); i++) {
                    layers.getItems().add(new LayerRow(i, s.layout().layer(i)));
                }
            }
        });
        ListView<String> recent = new ListView<>(vm.recent());
        recent.setPrefWidth(300);
        recent.setOnMouseClicked(e -> {
            String sel = recent.getSelectionModel().getSelectedItem();
            if (sel != null && e.getClickCount() == 2) {
                vm.folderProperty().set(sel);
                vm.open();
            }
        });
        recent.setId("checkpoint-recent");
        Label recentNote = new Label();
        recentNote.setId("checkpoint-recent-note");
        recentNote.setWrapText(true);
        recentNote.setMaxWidth(300);
        recentNote.getStyleClass().add("ra-muted");
        recentNote.textProperty().bind(vm.recentNoteProperty());
        VBox left = new VBox(4, new Label("Recent (double-click to open)"), recent, recentNote);
        left.setPadding(new Insets(6));
        VBox center = new VBox(4, error, info, preflight, layers);
        center.setPadding(new Insets(6));
        VBox.setVgrow(layers, Priority.ALWAYS);
        setTop(bar);
        setLeft(left);
        setCenter(center);
    }

    private static TableColumn<LayerRow, Number> col(String name, java.util.function.Function<LayerRow, Number> f) {
        TableColumn<LayerRow, Number> c = new TableColumn<>(name);
        c.setCellValueFactory(v -> new ReadOnlyObjectWrapper<>(f.apply(v.getValue())));
        return c;
    }
}

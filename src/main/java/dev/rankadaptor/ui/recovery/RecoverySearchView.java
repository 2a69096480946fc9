package dev.rankadaptor.ui.recovery;

import javafx.geometry.Insets;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

import java.util.TreeSet;

/** Thin view of {@link RecoverySearchViewModel}: one text field per setting, target check boxes, inline error. */
public final class RecoverySearchView extends ScrollPane {

    public RecoverySearchView(RecoverySearchViewModel vm) {
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
        FlowPane targets = new FlowPane(8, 4);
        for (String t : new TreeSet<>(RecoverySearchSettings.ALL_TARGETS)) {
            CheckBox box = new CheckBox(t);
            box.setMnemonicParsing(false);
            box.setSelected(vm.loraTargets().contains(t));
            box.selectedProperty().addListener((o, a, on) -> {
                if (on) {
                    vm.loraTargets().add(t);
                } else {
                    vm.loraTargets().remove(t);
                }
            });
            targets.getChildren().add(box);
        }
        Label error = new Label();
        error.setId("recovery-error");
        error.setStyle("-fx-text-fill: #b00020;");
        error.textProperty().bind(vm.errorProperty());
        VBox box = new VBox(8, new Label("LoRA targets"), targets, form, error);
        box.setPadding(new Insets(8));
        setContent(box);
        setFitToWidth(true);
    }
}

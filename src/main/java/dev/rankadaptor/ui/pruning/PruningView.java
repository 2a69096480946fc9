package dev.rankadaptor.ui.pruning;

import dev.rankadaptor.checkpoint.LayerLayout;
import dev.rankadaptor.experiment.PruningSection;
import dev.rankadaptor.ui.charts.LayerWidthChart;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.util.StringConverter;
import org.controlsfx.control.RangeSlider;

import java.util.ArrayList;

/**
 * Thin view of {@link PruningViewModel}: method, ratio (slider + field), prunable layer range
 * (ControlsFX RangeSlider over the real layer count), importance, calibration samples, inline
 * validation, and the live plan (per-layer MLP widths before/after, parameter counts).
 */
public final class PruningView extends BorderPane {
    private final LayerWidthChart widths = new LayerWidthChart("MLP width per layer", "channels");

    public PruningView(PruningViewModel vm) {
        setId("pruning-view");
        ComboBox<String> method = new ComboBox<>(FXCollections.observableArrayList(PruningSection.METHODS));
        method.setConverter(new StringConverter<>() {
            @Override
            public String toString(String m) {
                return "block".equals(m) ? "block-wise" : m;
            }

            @Override
            public String fromString(String text) {
                return "block-wise".equals(text) ? "block" : text;
            }
        });
        method.valueProperty().bindBidirectional(vm.methodProperty());
        Slider ratio = new Slider(0.01, 0.99, vm.ratioProperty().get());
        ratio.setId("pruning-ratio-slider");
        ratio.valueProperty().bindBidirectional(vm.ratioProperty());
        ratio.setPrefWidth(260);
        TextField ratioField = new TextField();
        ratioField.setId("pruning-ratio-field");
        ratioField.setPrefColumnCount(6);
        ratioField.textProperty().bindBidirectional(vm.ratioTextProperty());
        RangeSlider layers = new RangeSlider(0, 1, 0, 1);
        layers.setId("pruning-layers");
        layers.setShowTickLabels(true);
        layers.setMajorTickUnit(4);
        layers.setSnapToTicks(false);
        layers.setBlockIncrement(1);
        layers.setPrefWidth(260);
        Label layerText = new Label();
        vm.checkpointProperty().addListener((o, a, c) -> {
            if (c != null) {
                layers.setMax(c.layout().size() - 1);
                layers.setMajorTickUnit(Math.max(1, c.layout().size() / 8));
                layers.setLowValue(vm.firstPrunableProperty().get());
                layers.setHighValue(vm.lastPrunableProperty().get());
            }
        });
        vm.firstPrunableProperty().addListener((o, a, v) -> {
            if (Math.round(layers.getLowValue()) != v.intValue()) {
                layers.setLowValue(v.intValue());
            }
        });
        vm.lastPrunableProperty().addListener((o, a, v) -> {
            if (Math.round(layers.getHighValue()) != v.intValue()) {
                layers.setHighValue(v.intValue());
            }
        });
        layers.lowValueProperty().addListener((o, a, v) -> vm.firstPrunableProperty().set((int) Math.round(v.doubleValue())));
        layers.highValueProperty().addListener((o, a, v) -> vm.lastPrunableProperty().set((int) Math.round(v.doubleValue())));
        layerText.textProperty().bind(vm.firstPrunableProperty().asString("prunable layers %d")
                .concat(vm.lastPrunableProperty().asString("..%d (others protected)")));
        ComboBox<String> importance = new ComboBox<>(FXCollections.observableArrayList(PruningSection.IMPORTANCES));
        importance.valueProperty().bindBidirectional(vm.importanceProperty());
        ComboBox<String> depthCriterion = new ComboBox<>(FXCollections.observableArrayList(PruningSection.DEPTH_CRITERIA));
        depthCriterion.setId("pruning-depth-criterion");
        depthCriterion.setTooltip(new javafx.scene.control.Tooltip("How depth pruning scores a block (Shortened LLaMA): "
                + "taylor = sum |W dL/dW|, ppl = calibration perplexity with the block skipped"));
        depthCriterion.valueProperty().bindBidirectional(vm.depthCriterionProperty());
        depthCriterion.disableProperty().bind(vm.methodProperty().isNotEqualTo("depth"));
        Spinner<Integer> samples = new Spinner<>(1, 100_000, vm.calibrationSamplesProperty().get());
        samples.setEditable(true);
        samples.valueProperty().addListener((o, a, v) -> vm.calibrationSamplesProperty().set(v));
        vm.calibrationSamplesProperty().addListener((o, a, v) -> samples.getValueFactory().setValue(v.intValue()));
        ComboBox<String> ratioKind = new ComboBox<>(FXCollections.observableArrayList(PruningSection.RATIO_KINDS));
        ratioKind.setId("pruning-ratio-kind");
        ratioKind.valueProperty().bindBidirectional(vm.ratioKindProperty());
        TextField calibration = new TextField();
        calibration.setId("pruning-calibration");
        calibration.setPrefColumnCount(18);
        calibration.textProperty().bindBidirectional(vm.calibrationFileProperty());
        Label error = new Label();
        error.setId("pruning-error");
        error.getStyleClass().add("ra-error");
        error.textProperty().bind(vm.errorProperty());
        Label params = new Label();
        params.setId("pruning-params");

        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(6);
        form.setPadding(new Insets(8));
        form.addRow(0, new Label("Method"), method);
        form.addRow(1, new Label("Ratio"), ratio, ratioField, ratioKind);
        form.addRow(2, new Label("Layers"), layers, layerText);
        form.addRow(3, new Label("Importance"), importance, new Label("Depth criterion"), depthCriterion);
        form.addRow(4, new Label("Calibration file, samples N"), calibration, samples);
        form.add(error, 0, 5, 3, 1);
        form.add(params, 0, 6, 3, 1);
        form.add(PreflightLines.of("pruning-preflight", vm.preflight()),
                0, 7, 5, 1);

        Runnable refresh = () -> {
            var c = vm.checkpointProperty().get();
            LayerLayout p = vm.planProperty().get();
            if (c == null) {
                params.setText("open a checkpoint to see the plan");
                widths.setWidths(new double[0], null);
                return;
            }
            widths.setWidths(mlp(c.layout()), p == null ? null : mlp(p));
            params.setText(p == null ? "parameters " + vm.parametersBefore()
                    : String.format("parameters %,d -> %,d (%.2f%%)", vm.parametersBefore(), vm.parametersAfter(),
                    100.0 * vm.parametersAfter() / vm.parametersBefore()));
        };
        vm.planProperty().addListener((o, a, b) -> refresh.run());
        vm.checkpointProperty().addListener((o, a, b) -> refresh.run());
        refresh.run();
        setTop(form);
        setCenter(widths);
    }

    private static double[] mlp(LayerLayout l) {
        ArrayList<Double> v = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
            v.add((double) l.layer(i).mlpWidth());
        }
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    public LayerWidthChart widths() {
        return widths;
    }
}

package dev.rankadaptor.ui.charts;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

/**
 * What the Charts panel shows besides the trials themselves (which come from the trials model):
 * the measured run-to-run noise for the predicted-vs-measured band, the performance model's
 * per-layer importance, baseline scores as horizontal lines, and the final configurations
 * (methods x layers heatmap: RankAdaptor best, LoRA, LoRA*, AdaLoRA final ranks, paper rows).
 */
public final class ChartsViewModel {
    private final DoubleProperty noise = new SimpleDoubleProperty(this, "noise", Double.NaN);
    private final ObjectProperty<double[]> importance = new SimpleObjectProperty<>(this, "importance", new double[0]);
    private final ObservableMap<String, Double> baselines = FXCollections.observableHashMap();
    private final ObservableList<String> configurationLabels = FXCollections.observableArrayList();
    private final ObjectProperty<HeatmapData> configurations = new SimpleObjectProperty<>(this, "configurations",
            HeatmapData.rowsByLayers(java.util.List.of(), java.util.List.of(), 1));

    /** Std of the target score between repeats of one configuration (NaN until repeats ran). */
    public DoubleProperty noiseProperty() {
        return noise;
    }

    /** Per-layer importance from the performance model, index = layer. */
    public ObjectProperty<double[]> importanceProperty() {
        return importance;
    }

    /** Baseline name to its score, drawn as horizontal lines on the convergence chart. */
    public ObservableMap<String, Double> baselines() {
        return baselines;
    }

    /** Final rank configurations as methods x layers. */
    public ObjectProperty<HeatmapData> configurationsProperty() {
        return configurations;
    }

    public ObservableList<String> configurationLabels() {
        return configurationLabels;
    }
}

package dev.rankadaptor.ui.charts;

import dev.rankadaptor.reference.RankConfigTable;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

import java.util.ArrayList;
import java.util.List;

/**
 * What the Charts panel shows besides the trials themselves (which come from the trials model):
 * the measured run-to-run noise for the predicted-vs-measured band, the performance model's
 * per-layer importance, baseline scores as horizontal lines, and the final configurations
 * (methods x layers heatmap: our methods' repeat ranks, optionally the paper's Table 10 rows of
 * one pruning rate below them). The paper's model may have more layers than ours: the grid spans
 * the larger count and cells a row does not cover stay empty (NaN).
 */
public final class ChartsViewModel {
    private final RankConfigTable paper;
    private final DoubleProperty noise = new SimpleDoubleProperty(this, "noise", Double.NaN);
    private final ObjectProperty<double[]> importance = new SimpleObjectProperty<>(this, "importance", new double[0]);
    private final ObservableMap<String, Double> baselines = FXCollections.observableHashMap();
    private final ObservableList<String> configurationLabels = FXCollections.observableArrayList();
    private final ObjectProperty<HeatmapData> configurations = new SimpleObjectProperty<>(this, "configurations",
            HeatmapData.rowsByLayers(List.of(), List.of(), 1));
    private final StringProperty paperChoice = new SimpleStringProperty(this, "paperChoice", PaperConfigRows.NONE);
    private final ReadOnlyStringWrapper configurationsNote = new ReadOnlyStringWrapper(this, "configurationsNote", "");
    private List<String> ownLabels = List.of();
    private List<int[]> ownRanks = List.of();

    /** @param paper the paper's Table 10 (offered below our methods), or null when none is available */
    public ChartsViewModel(RankConfigTable paper) {
        this.paper = paper;
        paperChoice.addListener((o, a, b) -> rebuild());
    }

    /** Without paper rows. */
    public ChartsViewModel() {
        this(null);
    }

    private final ObjectProperty<dev.rankadaptor.search.PredictivePower> predictivePower =
            new SimpleObjectProperty<>(this, "predictivePower");

    /** The run's performance-model check (results.json's predictive_power); null until the report exists. */
    public ObjectProperty<dev.rankadaptor.search.PredictivePower> predictivePowerProperty() {
        return predictivePower;
    }

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

    /** Our methods' final configurations (labels and per-layer ranks); the paper rows of the current choice are appended. */
    public void setOwnConfigurations(List<String> labels, List<int[]> ranks) {
        if (labels.size() != ranks.size()) {
            throw new IllegalArgumentException("labels (" + labels.size() + ") and rows (" + ranks.size() + ") differ");
        }
        ownLabels = List.copyOf(labels);
        ownRanks = List.copyOf(ranks);
        rebuild();
    }

    private void rebuild() {
        PaperConfigRows rows = paper == null ? PaperConfigRows.select(null, PaperConfigRows.NONE)
                : PaperConfigRows.select(paper, paperChoice.get());
        List<String> labels = new ArrayList<>(ownLabels);
        List<int[]> ranks = new ArrayList<>(ownRanks);
        labels.addAll(rows.labels());
        ranks.addAll(rows.ranks());
        int layers = 1;
        for (int[] r : ranks) {
            layers = Math.max(layers, r.length);
        }
        configurationLabels.setAll(labels);
        configurations.set(HeatmapData.rowsByLayers(labels, ranks, layers));
        if (rows.isEmpty() && rows.notes().isEmpty()) {
            configurationsNote.set("");
        } else {
            int ours = ownRanks.stream().mapToInt(r -> r.length).max().orElse(0);
            String note = "paper rows: " + paper.model() + ", " + paper.layerCount() + " layers"
                    + (ours > 0 && ours != paper.layerCount() ? "; ours: " + ours + " layers (cells beyond a row's layers are empty)" : "");
            if (!rows.notes().isEmpty()) {
                note += " | " + String.join(" | ", rows.notes());
            }
            configurationsNote.set(note);
        }
    }

    /** Final rank configurations as methods x layers (our methods, then the chosen paper rows). */
    public ObjectProperty<HeatmapData> configurationsProperty() {
        return configurations;
    }

    public ObservableList<String> configurationLabels() {
        return configurationLabels;
    }

    /** Which Table 10 rows are shown: one of {@link PaperConfigRows#OPTIONS}. */
    public StringProperty paperChoiceProperty() {
        return paperChoice;
    }

    /** "paper rows: LLaMA-7B, 32 layers ..." plus flagged / left-out rows; "" without paper rows. */
    public ReadOnlyStringProperty configurationsNoteProperty() {
        return configurationsNote.getReadOnlyProperty();
    }

    /** Whether Table 10 is available to pick from. */
    public boolean hasPaperRows() {
        return paper != null;
    }
}

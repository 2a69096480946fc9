package dev.rankadaptor.ui.trials;

import dev.rankadaptor.ui.charts.HeatmapData;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * View model of the trials table and of everything linked to it: the trials in search order, the
 * filtered + sorted view a TableView binds to, the selected trial (shared with the heatmap and the
 * predicted-vs-measured chart: selecting in one highlights in the others), and the layers x trials
 * rank grid. The lead appends trials as journal records arrive, on the UI thread.
 */
public final class TrialsTableModel {
    private final ObservableList<TrialRow> trials = FXCollections.observableArrayList();
    private final FilteredList<TrialRow> filtered = new FilteredList<>(trials);
    private final SortedList<TrialRow> sorted = new SortedList<>(filtered);
    private final ObjectProperty<TrialFilter> filter = new SimpleObjectProperty<>(this, "filter", TrialFilter.ALL);
    private final IntegerProperty selectedTrial = new SimpleIntegerProperty(this, "selectedTrial", -1);

    private final RankBrushes brushes = new RankBrushes();
    private final ObjectProperty<TrialSearch> search = new SimpleObjectProperty<>(this, "search", TrialSearch.NONE);
    private final ObjectProperty<java.util.function.IntFunction<dev.rankadaptor.experiment.RunNotes.Annotation>> annotations =
            new SimpleObjectProperty<>(this, "annotations", i -> dev.rankadaptor.experiment.RunNotes.Annotation.NONE);

    public TrialsTableModel() {
        filter.addListener((o, a, f) -> refilter());
        brushes.predicateProperty().addListener((o, a, b) -> refilter());
        search.addListener((o, a, b) -> refilter());
        annotations.addListener((o, a, b) -> refilter());
        refilter();
    }

    /** The notes / tags search of the table (AND with the filter and the brushes). */
    public ObjectProperty<TrialSearch> searchProperty() {
        return search;
    }

    /** The user's note and tags per trial index (the run's notes.json), read by {@link #searchProperty()}. */
    public ObjectProperty<java.util.function.IntFunction<dev.rankadaptor.experiment.RunNotes.Annotation>> annotationsProperty() {
        return annotations;
    }

    /** All trials in search order (the source list; append here). */
    public ObservableList<TrialRow> trials() {
        return trials;
    }

    private void refilter() {
        TrialSearch q = search.get() == null ? TrialSearch.NONE : search.get();
        var notes = annotations.get();
        java.util.function.Predicate<TrialRow> p = filter.get().predicate().and(brushes.predicateProperty().get());
        filtered.setPredicate(q.isEmpty() || notes == null ? p : p.and(t -> q.matches(notes.apply(t.getIndex()))));
    }

    /** The parallel-coordinates view's rank intervals, which filter the table together with {@link #getFilter()}. */
    public RankBrushes brushes() {
        return brushes;
    }

    /** The filtered view; bind its comparator to the TableView's. */
    public SortedList<TrialRow> sortedTrials() {
        return sorted;
    }

    public ObjectProperty<TrialFilter> filterProperty() {
        return filter;
    }

    public TrialFilter getFilter() {
        return filter.get();
    }

    public void setFilter(TrialFilter f) {
        filter.set(f == null ? TrialFilter.ALL : f);
    }

    /** Index (TrialRow.getIndex) of the selected trial, -1 for none. */
    public IntegerProperty selectedTrialProperty() {
        return selectedTrial;
    }

    public int getSelectedTrial() {
        return selectedTrial.get();
    }

    public void setSelectedTrial(int index) {
        selectedTrial.set(index);
    }

    /** Position of the selected trial in search order (the heatmap column), -1 if none. */
    public int selectedPosition() {
        int idx = selectedTrial.get();
        for (int i = 0; i < trials.size(); i++) {
            if (trials.get(i).getIndex() == idx) {
                return i;
            }
        }
        return -1;
    }

    /** Phases present, for the filter's choice box. */
    public List<String> phases() {
        TreeSet<String> p = new TreeSet<>();
        trials.forEach(t -> p.add(t.getPhase()));
        return new ArrayList<>(p);
    }

    /** Layers x trials rank grid in search order (all trials, unfiltered, so columns stay stable). */
    public HeatmapData heatmap() {
        int layers = trials.stream().mapToInt(TrialRow::layerCount).max().orElse(1);
        List<int[]> cols = new ArrayList<>(trials.size());
        trials.forEach(t -> cols.add(t.getRanks()));
        return HeatmapData.layersByTrials(cols, layers);
    }

    /** Measured trials' predicted and measured scores, in search order, for the scatter. */
    public double[][] predictedVsMeasured() {
        List<TrialRow> m = trials.stream().filter(t -> !Double.isNaN(t.getPredicted()) && !Double.isNaN(t.getMeasured())).toList();
        double[] p = new double[m.size()];
        double[] a = new double[m.size()];
        for (int i = 0; i < m.size(); i++) {
            p[i] = m.get(i).getPredicted();
            a[i] = m.get(i).getMeasured();
        }
        return new double[][] {p, a};
    }
}

package dev.rankadaptor.ui.results;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.util.ArrayList;
import java.util.List;

/**
 * View model of the methods x tasks table: which rows are visible (the paper's reference rows can
 * be toggled), which cell is best per column, and which cells are within noise of the best (the
 * test of docs/statistics.md, through the exports' own code {@code NoiseComparison.againstBest}:
 * Welch's t-test against the column's best, Holm-corrected over the column, alpha = 0.05; unknown
 * without two repeats on both sides), so a reader never takes a noise-sized gap for a win. Our rows and the paper's rows are ranked separately: the paper's rows
 * are another model (LLaMA-7B) on other data, so a "best" across both would compare nothing.
 * No JavaFX nodes: testable without a Stage.
 */
public final class ResultsTableModel {
    private final List<String> tasks;
    private final ObservableList<ResultsRow> rows = FXCollections.observableArrayList();
    private final BooleanProperty showReference = new SimpleBooleanProperty(this, "showReference", true);
    private final FilteredList<ResultsRow> visible = new FilteredList<>(rows);
    private final ReadOnlyIntegerWrapper revision = new ReadOnlyIntegerWrapper(this, "revision");
    private int[] bestOwn = new int[0];
    private int[] bestReference = new int[0];
    private dev.rankadaptor.experiment.NoiseComparison[][] noise = new dev.rankadaptor.experiment.NoiseComparison[0][0];

    public ResultsTableModel(List<String> tasks) {
        this.tasks = List.copyOf(tasks);
        showReference.addListener((o, a, b) -> refilter());
        rows.addListener((javafx.collections.ListChangeListener<ResultsRow>) c -> recompute());
        refilter();
    }

    /** Task names, in column order; the Avg column follows them. */
    public List<String> tasks() {
        return tasks;
    }

    /** Column headers: the tasks then "Avg". */
    public List<String> columns() {
        List<String> c = new ArrayList<>(tasks);
        c.add("Avg");
        return c;
    }

    /** All rows (ours and reference); add or replace rows here. */
    public ObservableList<ResultsRow> rows() {
        return rows;
    }

    /** Rows the table shows. */
    public ObservableList<ResultsRow> visibleRows() {
        return visible;
    }

    public BooleanProperty showReferenceProperty() {
        return showReference;
    }

    public boolean isShowReference() {
        return showReference.get();
    }

    public void setShowReference(boolean value) {
        showReference.set(value);
    }

    /** Increments whenever the marks change, so views can refresh their cells. */
    public ReadOnlyIntegerProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    /** Replaces all rows, checking each has one score per task. */
    public void setRows(List<ResultsRow> newRows) {
        for (ResultsRow r : newRows) {
            if (r.scores().length != tasks.size()) {
                throw new IllegalArgumentException("row '" + r.label() + "' has " + r.scores().length
                        + " scores, the table has " + tasks.size() + " tasks");
            }
        }
        rows.setAll(newRows);
    }

    /**
     * Index into {@link #visibleRows()} of the best of our rows ({@code reference} false) or of the
     * paper's rows in column c, or -1 if no such row has a value.
     */
    public int bestRow(int column, boolean reference) {
        int[] best = reference ? bestReference : bestOwn;
        return column < best.length ? best[column] : -1;
    }

    /** The mark of row's cell in column c (c == tasks().size() is Avg), within the row's own group. */
    public CellMark mark(ResultsRow row, int column) {
        int best = bestRow(column, row.reference());
        if (best < 0 || Double.isNaN(row.value(column))) {
            return CellMark.NONE;
        }
        ResultsRow bestRow = visible.get(best);
        if (bestRow == row || bestRow.value(column) - row.value(column) <= TIE) {
            return CellMark.BEST;
        }
        int index = visible.indexOf(row);
        dev.rankadaptor.experiment.NoiseComparison c = index < 0 || column >= noise.length ? null : noise[column][index];
        return c != null && c.withinNoise() ? CellMark.WITHIN_NOISE : CellMark.NONE;
    }

    /** The column's test: each visible row of a group against that group's best (null for best rows, other group, no value). */
    private dev.rankadaptor.experiment.NoiseComparison[][] noiseMarks() {
        int cols = tasks.size() + 1;
        var out = new dev.rankadaptor.experiment.NoiseComparison[cols][visible.size()];
        for (int c = 0; c < cols; c++) {
            for (boolean reference : new boolean[]{false, true}) {
                List<Integer> idx = new ArrayList<>();
                List<dev.rankadaptor.experiment.NoiseComparison.Sample> samples = new ArrayList<>();
                for (int i = 0; i < visible.size(); i++) {
                    ResultsRow r = visible.get(i);
                    if (r.reference() == reference && !Double.isNaN(r.value(c))) {
                        idx.add(i);
                        samples.add(dev.rankadaptor.experiment.NoiseComparison.Sample.of(r.value(c), r.noise(c), r.n()));
                    }
                }
                var marks = dev.rankadaptor.experiment.NoiseComparison.againstBest(columns().get(c), samples, TIE);
                for (int k = 0; k < idx.size(); k++) {
                    out[c][idx.get(k)] = marks.get(k);
                }
            }
        }
        return out;
    }

    /** Means this close to the best count as tied for best. */
    private static final double TIE = 1e-9;

    private void refilter() {
        boolean show = showReference.get();
        visible.setPredicate(r -> show || !r.reference());
        recompute();
    }

    private void recompute() {
        bestOwn = bestPerColumn(false);
        bestReference = bestPerColumn(true);
        noise = noiseMarks();
        revision.set(revision.get() + 1);
    }

    private int[] bestPerColumn(boolean reference) {
        int cols = tasks.size() + 1;
        int[] best = new int[cols];
        for (int c = 0; c < cols; c++) {
            best[c] = -1;
            double bestValue = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < visible.size(); i++) {
                ResultsRow r = visible.get(i);
                double v = r.value(c);
                if (r.reference() == reference && !Double.isNaN(v) && v > bestValue) {
                    bestValue = v;
                    best[c] = i;
                }
            }
        }
        return best;
    }
}

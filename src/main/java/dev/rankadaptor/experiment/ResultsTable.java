package dev.rankadaptor.experiment;

import dev.rankadaptor.common.InvalidFieldException;
import dev.rankadaptor.common.UserInputException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Methods x tasks: the table the report, the GUI and {@code results.json} share. Measured rows carry
 * mean, std and n over repeats; reference rows (published numbers) are kept apart: they are shown,
 * but never "best" and never compared for noise, since their spread is unknown.
 *
 * @param tasks task ids (columns, in order); the average column is implicit
 * @param rows  measured rows first in the caller's order, then reference rows
 */
public record ResultsTable(List<String> tasks, List<MethodRow> rows) {
    /** Column name of the average. */
    public static final String AVERAGE = "average";
    private static final double TIE = 1e-12;

    public ResultsTable {
        tasks = Fields.nonEmptyList("tasks", tasks);
        Fields.distinct("tasks", tasks);
        rows = Fields.list("rows", rows);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            MethodRow r = rows.get(i);
            if (!ids.add(r.method())) {
                throw new InvalidFieldException("rows[" + i + "].method", "repeats the method " + r.method());
            }
            for (String t : r.cells().keySet()) {
                if (!tasks.contains(t)) {
                    throw new InvalidFieldException("rows[" + i + "].cells." + t, "is not one of the table's tasks " + tasks);
                }
            }
            if (!r.reference() && !r.cells().keySet().containsAll(tasks)) {
                throw new InvalidFieldException("rows[" + i + "].cells", "a measured row needs every task " + tasks);
            }
        }
    }

    /**
     * Measured rows from finished trials grouped by method (map order = row order): each trial is one
     * repeat, its {@code task_scores} the cells. Labels are the built-in display names.
     */
    public static ResultsTable fromTrials(List<String> tasks, java.util.Map<String, List<JournalRecord.TrialFinished>> trialsByMethod) {
        List<MethodRow> rows = new ArrayList<>();
        for (java.util.Map.Entry<String, List<JournalRecord.TrialFinished>> e : trialsByMethod.entrySet()) {
            rows.add(MethodRow.measured(e.getKey(), null, tasks,
                    e.getValue().stream().map(JournalRecord.TrialFinished::taskScores).toList()));
        }
        return new ResultsTable(tasks, rows);
    }

    /** A copy with rows appended (e.g. the paper's numbers as reference rows). */
    public ResultsTable withRows(List<MethodRow> more) {
        List<MethodRow> all = new ArrayList<>(rows);
        all.addAll(more);
        return new ResultsTable(tasks, all);
    }

    /** Columns in display order: the tasks, then "average". */
    public List<String> columns() {
        List<String> c = new ArrayList<>(tasks);
        c.add(AVERAGE);
        return c;
    }

    public MethodRow row(String method) {
        return rows.stream().filter(r -> r.method().equals(method)).findFirst()
                .orElseThrow(() -> new UserInputException("no method '" + method + "' in the results"));
    }

    public List<MethodRow> measuredRows() {
        return rows.stream().filter(r -> !r.reference()).toList();
    }

    public List<MethodRow> referenceRows() {
        return rows.stream().filter(MethodRow::reference).toList();
    }

    /** Methods with the highest mean in a column among measured rows (several on an exact tie). */
    public List<String> best(String column) {
        double max = Double.NEGATIVE_INFINITY;
        for (MethodRow r : measuredRows()) {
            max = Math.max(max, r.cell(column).mean());
        }
        List<String> out = new ArrayList<>();
        for (MethodRow r : measuredRows()) {
            if (r.cell(column).mean() >= max - TIE) {
                out.add(r.method());
            }
        }
        return out;
    }

    /** Compares two methods in one column (a minus b). */
    public NoiseComparison compare(String methodA, String methodB, String column) {
        ScoreCell a = row(methodA).cell(column);
        ScoreCell b = row(methodB).cell(column);
        if (a == null || b == null) {
            throw new UserInputException("column '" + column + "' is missing for " + (a == null ? methodA : methodB));
        }
        return NoiseComparison.of(column, a, b);
    }

    /**
     * Each measured method against the column's best (Welch, Holm-corrected over the column; see
     * {@link NoiseComparison#againstBest}); a best method maps to null.
     */
    public java.util.Map<String, NoiseComparison> noiseAgainstBest(String column) {
        List<MethodRow> measured = measuredRows();
        List<NoiseComparison> c = NoiseComparison.againstBest(column,
                measured.stream().map(r -> NoiseComparison.Sample.of(r.cell(column))).toList(), TIE);
        java.util.Map<String, NoiseComparison> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < measured.size(); i++) {
            out.put(measured.get(i).method(), c.get(i));
        }
        return out;
    }

    /** True when a measured method is not the best of the column and the column's test does not set it apart from the best. */
    public boolean withinNoiseOfBest(String method, String column) {
        if (row(method).reference()) {
            return false;
        }
        NoiseComparison c = noiseAgainstBest(column).get(method);
        return c != null && c.withinNoise();
    }
}

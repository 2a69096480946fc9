package dev.rankadaptor.experiment;

import dev.rankadaptor.common.InvalidFieldException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of the results table: a method (RankAdaptor, a baseline, or a published reference) with
 * a cell per task and the average. The average of a measured row is the mean over repeats of each
 * repeat's task average, so its spread is the spread of whole runs, not a mix of task spreads.
 *
 * @param method    id, e.g. "rankadaptor", "lora_uniform", "paper_lora"
 * @param label     display name, e.g. "LoRA*"
 * @param reference true for published numbers (shown apart, never "best", no spread)
 * @param source    where reference numbers come from (e.g. "RankAdaptor paper, Table 2"); null for measured rows
 * @param cells     per task id; a reference row may lack tasks
 * @param average   the average column
 * @param parameters trainable parameters of the method's configuration (null when unknown, e.g. published rows)
 */
public record MethodRow(String method, String label, boolean reference, String source,
                        Map<String, ScoreCell> cells, ScoreCell average, TrainableParameters parameters) {
    public MethodRow {
        method = Fields.required("method", method);
        label = label == null || label.isBlank() ? defaultLabel(method) : label;
        if (cells == null || average == null) {
            throw new InvalidFieldException("cells", "cells and average are required");
        }
        cells = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(cells));
    }

    /** A row without a parameter count. */
    public MethodRow(String method, String label, boolean reference, String source,
                     Map<String, ScoreCell> cells, ScoreCell average) {
        this(method, label, reference, source, cells, average, null);
    }

    /** A copy with the trainable-parameter count. */
    public MethodRow withParameters(TrainableParameters p) {
        return new MethodRow(method, label, reference, source, cells, average, p);
    }

    /** A measured row from per-repeat task scores; every repeat must score every task. */
    public static MethodRow measured(String method, String label, List<String> tasks, List<Map<String, Double>> repeats) {
        if (repeats == null || repeats.isEmpty()) {
            throw new InvalidFieldException(method + ".repeats", "must not be empty");
        }
        Map<String, ScoreCell> cells = new LinkedHashMap<>();
        List<Double> averages = new ArrayList<>();
        for (int r = 0; r < repeats.size(); r++) {
            double sum = 0;
            for (String t : tasks) {
                Double v = repeats.get(r).get(t);
                if (v == null) {
                    throw new InvalidFieldException(method + ".repeats[" + r + "]." + t, "is missing");
                }
                sum += v;
            }
            averages.add(sum / tasks.size());
        }
        for (String t : tasks) {
            cells.put(t, ScoreCell.of(repeats.stream().map(m -> m.get(t)).toList()));
        }
        return new MethodRow(method, label, false, null, cells, ScoreCell.of(averages));
    }

    /** A reference row of published values; the average is the mean of the values unless given (papers print their own). */
    public static MethodRow reference(String method, String label, String source, Map<String, Double> values, Double average) {
        Map<String, ScoreCell> cells = new LinkedHashMap<>();
        double sum = 0;
        for (Map.Entry<String, Double> e : values.entrySet()) {
            cells.put(e.getKey(), ScoreCell.reference(e.getValue()));
            sum += e.getValue();
        }
        double avg = average != null ? average : sum / values.size();
        return new MethodRow(method, label, true, source, cells, ScoreCell.reference(avg));
    }

    /** Display names of the built-in methods. */
    public static String defaultLabel(String method) {
        RecoveryMethod m = RecoveryMethod.ofIdOrNull(method);
        return m == null ? method : m.label();
    }

    /** The cell of a task id or of {@link ResultsTable#AVERAGE}; null when absent. */
    public ScoreCell cell(String column) {
        return ResultsTable.AVERAGE.equals(column) ? average : cells.get(column);
    }

    /** Repeats behind this row (0 for a reference row). */
    public int repeats() {
        return average.n();
    }
}

package dev.rankadaptor.ui.trials;

import java.util.function.Predicate;

/**
 * The trials table's filter as a value: phase (null or blank = all), minimum measured score
 * (NaN = none), and an optional layer/rank condition ("layer 7 has rank 12"; layer -1 = none).
 * Kept as a record so the settings survive refreshes and can be saved with the view state. Built from
 * the filter bar's text by {@link #parse}, whose messages name the field and what it expects (shown
 * inline, never as an exception dialog).
 */
public record TrialFilter(String phase, double minMeasured, int layer, int rank) {
    public static final TrialFilter ALL = new TrialFilter(null, Double.NaN, -1, 0);

    /**
     * @param phase       selected phase or null/blank for all
     * @param minMeasured blank or a number
     * @param layerRank   blank or "layer=rank" with both non-negative integers
     */
    public static TrialFilter parse(String phase, String minMeasured, String layerRank) {
        double min = Double.NaN;
        if (minMeasured != null && !minMeasured.isBlank()) {
            try {
                min = Double.parseDouble(minMeasured.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("min measured: expected a number, was '" + minMeasured.trim() + "'");
            }
        }
        int layer = -1;
        int rank = 0;
        if (layerRank != null && !layerRank.isBlank()) {
            String[] parts = layerRank.trim().split("=");
            try {
                if (parts.length != 2) {
                    throw new NumberFormatException();
                }
                layer = Integer.parseInt(parts[0].trim());
                rank = Integer.parseInt(parts[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("layer=rank: expected two integers like 7=12, was '" + layerRank.trim() + "'");
            }
            if (layer < 0 || rank < 0) {
                throw new IllegalArgumentException("layer=rank: layer and rank must be >= 0");
            }
        }
        return new TrialFilter(phase == null || phase.isBlank() ? null : phase, min, layer, rank);
    }

    public TrialFilter withPhase(String p) {
        return new TrialFilter(p, minMeasured, layer, rank);
    }

    public TrialFilter withMinMeasured(double m) {
        return new TrialFilter(phase, m, layer, rank);
    }

    public TrialFilter withLayerRank(int l, int r) {
        return new TrialFilter(phase, minMeasured, l, r);
    }

    public Predicate<TrialRow> predicate() {
        return t -> (phase == null || phase.isBlank() || phase.equals(t.getPhase()))
                && (Double.isNaN(minMeasured) || (!Double.isNaN(t.getMeasured()) && t.getMeasured() >= minMeasured))
                && (layer < 0 || (layer < t.layerCount() && t.rank(layer) == rank));
    }
}

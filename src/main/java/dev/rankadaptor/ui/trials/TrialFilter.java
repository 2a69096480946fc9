package dev.rankadaptor.ui.trials;

import java.util.function.Predicate;

/**
 * The trials table's filter as a value: phase (null or blank = all), minimum measured score
 * (NaN = none), and an optional layer/rank condition ("layer 7 has rank 12"; layer -1 = none).
 * Kept as a record so the settings survive refreshes and can be saved with the view state.
 */
public record TrialFilter(String phase, double minMeasured, int layer, int rank) {
    public static final TrialFilter ALL = new TrialFilter(null, Double.NaN, -1, 0);

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

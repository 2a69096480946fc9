package dev.rankadaptor.ui.trials;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The brushed rank intervals of the parallel-coordinates view, one per layer axis at most. A trial
 * passes when, on every brushed layer, its rank lies in the interval (inclusive). The brushes are a
 * filter of the trials table like {@link TrialFilter}, combined with it by AND.
 */
public final class RankBrushes {
    /** An inclusive rank interval on one layer's axis. */
    public record Interval(double low, double high) {
        public Interval {
            if (Double.isNaN(low) || Double.isNaN(high)) {
                throw new IllegalArgumentException("a brush needs two numbers, was " + low + ".." + high);
            }
            if (low > high) {
                double t = low;
                low = high;
                high = t;
            }
        }

        public boolean contains(int rank) {
            return rank >= low && rank <= high;
        }
    }

    private final TreeMap<Integer, Interval> byLayer = new TreeMap<>();
    private final ReadOnlyObjectWrapper<Predicate<TrialRow>> predicate = new ReadOnlyObjectWrapper<>(this, "predicate", t -> true);

    /** Sets (or replaces) the brush on one layer's axis. */
    public void brush(int layer, double low, double high) {
        if (layer < 0) {
            throw new IllegalArgumentException("layer must be >= 0, was " + layer);
        }
        byLayer.put(layer, new Interval(low, high));
        publish();
    }

    public void clear(int layer) {
        if (byLayer.remove(layer) != null) {
            publish();
        }
    }

    public void clearAll() {
        if (!byLayer.isEmpty()) {
            byLayer.clear();
            publish();
        }
    }

    public Map<Integer, Interval> intervals() {
        return Collections.unmodifiableMap(byLayer);
    }

    public boolean test(TrialRow t) {
        return passes(byLayer, t);
    }

    private static boolean passes(Map<Integer, Interval> intervals, TrialRow t) {
        for (Map.Entry<Integer, Interval> e : intervals.entrySet()) {
            if (e.getKey() >= t.layerCount() || !e.getValue().contains(t.rank(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** The current filter (a new object on every change, so listeners see each change). */
    public ReadOnlyObjectProperty<Predicate<TrialRow>> predicateProperty() {
        return predicate.getReadOnlyProperty();
    }

    private void publish() {
        Map<Integer, Interval> snapshot = new TreeMap<>(byLayer);
        predicate.set(t -> passes(snapshot, t));
    }
}

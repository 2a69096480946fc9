package dev.rankadaptor.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The noise of one trial: the pooled standard deviation of the scores of configurations measured more
 * than once (other trial seeds, same items), {@code sqrt(sum_g SS_g / sum_g (n_g - 1))} over the groups g
 * of identical rank vectors. It is what no performance model can predict, so it is both the natural
 * convergence threshold (a tighter one chases noise) and the ceiling of any model's predictive power.
 *
 * @param std              pooled within-configuration standard deviation (NaN when nothing was repeated)
 * @param degreesOfFreedom sum of (n_g - 1): 1 for one configuration measured twice
 * @param configurations   groups with at least two measurements
 */
public record TrialNoise(double std, int degreesOfFreedom, int configurations) {
    /** Nothing measured twice. */
    public static final TrialNoise UNKNOWN = new TrialNoise(Double.NaN, 0, 0);

    public boolean known() {
        return degreesOfFreedom > 0;
    }

    public static TrialNoise of(List<TrialRecord> records) {
        return pooled(records.stream().map(TrialRecord::ranks).toList(),
                records.stream().mapToDouble(TrialRecord::score).toArray());
    }

    /** Pools the spread of every group of identical rank vectors. */
    public static TrialNoise pooled(List<int[]> ranks, double[] scores) {
        Map<String, List<Double>> groups = new LinkedHashMap<>();
        for (int i = 0; i < scores.length; i++) {
            groups.computeIfAbsent(Arrays.toString(ranks.get(i)), k -> new ArrayList<>()).add(scores[i]);
        }
        double ss = 0;
        int df = 0;
        int configs = 0;
        for (List<Double> g : groups.values()) {
            if (g.size() < 2) {
                continue;
            }
            double m = g.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            for (double v : g) {
                ss += (v - m) * (v - m);
            }
            df += g.size() - 1;
            configs++;
        }
        return df == 0 ? UNKNOWN : new TrialNoise(Math.sqrt(ss / df), df, configs);
    }

    /**
     * The convergence threshold this noise implies: the std itself, or, when the repeats happened to
     * score exactly alike (scores are counts of right answers, so this happens on small subsets), the
     * score's resolution: the smallest positive difference between any two measured scores.
     */
    public double threshold(List<TrialRecord> records) {
        if (known() && std > 0) {
            return std;
        }
        double[] s = records.stream().mapToDouble(TrialRecord::score).sorted().toArray();
        double step = Double.POSITIVE_INFINITY;
        for (int i = 1; i < s.length; i++) {
            double d = s[i] - s[i - 1];
            if (d > 1e-12) {
                step = Math.min(step, d);
            }
        }
        return Double.isFinite(step) ? step : 1e-6;
    }
}

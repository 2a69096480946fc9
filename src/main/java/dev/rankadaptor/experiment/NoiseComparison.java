package dev.rankadaptor.experiment;

import dev.rankadaptor.search.NoiseStats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Whether a method's mean in one column differs from another's by more than run-to-run noise:
 * Welch's two-sided t-test at alpha = 0.05 ({@link NoiseStats#welch}); within a column, every
 * method is tested against the column's best and the family is Holm-corrected
 * ({@link #againstBest}). Unknown when either side has fewer than two repeats (one repeat, or a
 * published number), or when both spreads are 0 and the means differ. The one place the rule lives: the CLI table, the exports and the workbench's
 * Results panel all call it. See docs/statistics.md.
 *
 * @param column           task id or "average"
 * @param difference       mean(a) - mean(b)
 * @param standardError    Welch's SE, null when unknown
 * @param degreesOfFreedom Welch-Satterthwaite df, null when unknown (or both spreads are 0)
 * @param pValue           two-sided p of this comparison alone, null when unknown
 * @param adjustedP        Holm-adjusted p within the column's family (= pValue for a single comparison)
 * @param verdict          the outcome at alpha = 0.05 on the adjusted p
 */
public record NoiseComparison(String column, double difference, Double standardError, Double degreesOfFreedom,
                              Double pValue, Double adjustedP, Verdict verdict) {
    public enum Verdict { WITHIN_NOISE, EXCEEDS_NOISE, UNKNOWN }

    /** One column value of one method: mean, sample std (null = unknown) and number of repeats. */
    public record Sample(double mean, Double std, int n) {
        public static Sample of(ScoreCell c) {
            return new Sample(c.mean(), c.std(), c.n());
        }

        /** From plain numbers; a NaN std means unknown. */
        public static Sample of(double mean, double std, int n) {
            return new Sample(mean, Double.isNaN(std) ? null : std, n);
        }

        boolean hasSpread() {
            return std != null && n >= 2;
        }
    }

    /** One test of a against b, without correction (one comparison is its own family). */
    public static NoiseComparison of(String column, ScoreCell a, ScoreCell b) {
        return of(column, Sample.of(a), Sample.of(b));
    }

    public static NoiseComparison of(String column, Sample a, Sample b) {
        NoiseComparison raw = raw(column, a, b);
        return raw.withAdjusted(raw.pValue);
    }

    private static NoiseComparison raw(String column, Sample a, Sample b) {
        double diff = a.mean() - b.mean();
        if (!a.hasSpread() || !b.hasSpread()) {
            return new NoiseComparison(column, diff, null, null, null, null, Verdict.UNKNOWN);
        }
        NoiseStats.Welch w = NoiseStats.welch(a.mean(), a.std(), a.n(), b.mean(), b.std(), b.n());
        if (!w.known()) {
            return new NoiseComparison(column, diff, w.standardError(), null, null, null, Verdict.UNKNOWN);
        }
        return new NoiseComparison(column, diff, w.standardError(),
                Double.isNaN(w.degreesOfFreedom()) ? null : w.degreesOfFreedom(), w.pValue(), null, Verdict.UNKNOWN);
    }

    private NoiseComparison withAdjusted(Double adj) {
        if (pValue == null) {
            return this;
        }
        return new NoiseComparison(column, difference, standardError, degreesOfFreedom, pValue, adj,
                adj <= NoiseStats.ALPHA ? Verdict.EXCEEDS_NOISE : Verdict.WITHIN_NOISE);
    }

    /**
     * The column's family: every sample that is not among the best (highest mean, ties within
     * {@code tie} all best) is compared with each best sample (best - other); the known p-values
     * are Holm-corrected together. Result: one entry per sample, null for a best one; with several
     * tied bests, the comparison with the smallest adjusted p among the known ones (exceeds if any
     * does, within if the known ones do not); unknown only when no comparison is known.
     */
    public static List<NoiseComparison> againstBest(String column, List<Sample> samples, double tie) {
        double max = Double.NEGATIVE_INFINITY;
        for (Sample s : samples) {
            max = Math.max(max, s.mean());
        }
        List<Integer> best = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            if (samples.get(i).mean() >= max - tie) {
                best.add(i);
            }
        }
        List<NoiseComparison> raws = new ArrayList<>();
        List<Integer> owner = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            if (best.contains(i)) {
                continue;
            }
            for (int b : best) {
                raws.add(raw(column, samples.get(b), samples.get(i)));
                owner.add(i);
            }
        }
        double[] p = new double[raws.size()];
        for (int k = 0; k < p.length; k++) {
            p[k] = raws.get(k).pValue == null ? Double.NaN : raws.get(k).pValue;
        }
        double[] adj = NoiseStats.holm(p);
        NoiseComparison[] out = new NoiseComparison[samples.size()];
        for (int k = 0; k < raws.size(); k++) {
            NoiseComparison c = raws.get(k).withAdjusted(Double.isNaN(adj[k]) ? null : adj[k]);
            int i = owner.get(k);
            out[i] = out[i] == null ? c : stronger(out[i], c);
        }
        return Arrays.asList(out);
    }

    private static NoiseComparison stronger(NoiseComparison a, NoiseComparison b) {
        if (a.verdict != b.verdict) {
            if (a.verdict == Verdict.EXCEEDS_NOISE || b.verdict == Verdict.EXCEEDS_NOISE) {
                return a.verdict == Verdict.EXCEEDS_NOISE ? a : b;
            }
            return a.verdict == Verdict.UNKNOWN ? b : a; // a tie with a best whose spread is known decides
        }
        return a.adjustedP == null || (b.adjustedP != null && b.adjustedP < a.adjustedP) ? b : a;
    }

    public boolean withinNoise() {
        return verdict == Verdict.WITHIN_NOISE;
    }
}

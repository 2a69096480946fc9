package dev.rankadaptor.search;

import org.apache.commons.math3.distribution.TDistribution;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Honest statistics for repeated trials. Differences between rank configurations are often the
 * size of run-to-run noise (reference-facts §1: single tasks move by several points between
 * re-runs), so every comparison is a test at a stated level, not a rule of thumb.
 *
 * <p>Rule (docs/statistics.md): two methods' repeated scores differ "beyond noise" when Welch's
 * two-sided t-test rejects equal means at {@link #ALPHA} = 0.05: t = (mean_a - mean_b) / SE with
 * SE = sqrt(s_a^2/n_a + s_b^2/n_b) and Welch-Satterthwaite degrees of freedom. With n = 2-3 repeats
 * the critical |t| is 2.8-12.7, far wider than the normal 1.96 (or the old "2 SE"). Several
 * comparisons in one column are Holm-corrected ({@link #holm}). With fewer than two repeats on a
 * side the noise is unknown and no verdict is given. The Student t distribution is commons-math3's.
 */
public final class NoiseStats {
    /** Two-sided level of every "beyond noise" verdict (family-wise, after Holm's correction). */
    public static final double ALPHA = 0.05;

    private NoiseStats() {
    }

    public static double mean(double[] xs) {
        if (xs.length == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (double x : xs) {
            s += x;
        }
        return s / xs.length;
    }

    /** Sample standard deviation (n - 1 in the denominator); NaN below two values. */
    public static double std(double[] xs) {
        if (xs.length < 2) {
            return Double.NaN;
        }
        double m = mean(xs);
        double ss = 0;
        for (double x : xs) {
            ss += (x - m) * (x - m);
        }
        return Math.sqrt(ss / (xs.length - 1));
    }

    /**
     * Welch's t-test of mean_a - mean_b. Every field is NaN when either side has fewer than two
     * values or an unknown spread ({@link #known()} false).
     *
     * @param difference       mean_a - mean_b
     * @param standardError    sqrt(s_a^2/n_a + s_b^2/n_b)
     * @param t                difference / standardError (0 for 0/0, +-infinity for d/0)
     * @param degreesOfFreedom Welch-Satterthwaite degrees of freedom (NaN when both spreads are 0)
     * @param pValue           two-sided p-value (1 for 0/0; NaN = unknown for d/0, both spreads 0)
     */
    public record Welch(double difference, double standardError, double t, double degreesOfFreedom, double pValue) {
        public boolean known() {
            return !Double.isNaN(pValue);
        }
    }

    /** Welch's test from summary statistics (what the results table keeps per cell). */
    public static Welch welch(double meanA, double stdA, int nA, double meanB, double stdB, int nB) {
        double diff = meanA - meanB;
        if (nA < 2 || nB < 2 || !(stdA >= 0) || !(stdB >= 0)) {
            return new Welch(diff, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double va = stdA * stdA / nA;
        double vb = stdB * stdB / nB;
        double se = Math.sqrt(va + vb);
        if (se == 0) {
            // no spread on either side: equal means are the same; different ones have no noise estimate
            // (with 2-3 repeats on a few hundred items, identical repeat scores happen by chance)
            return diff == 0 ? new Welch(diff, 0, 0, Double.NaN, 1.0)
                    : new Welch(diff, 0, Math.copySign(Double.POSITIVE_INFINITY, diff), Double.NaN, Double.NaN);
        }
        double t = diff / se;
        double df = (va + vb) * (va + vb) / (va * va / (nA - 1) + vb * vb / (nB - 1));
        return new Welch(diff, se, t, df, twoSidedP(t, df));
    }

    /** P(|T| >= |t|) for Student's t with df degrees of freedom (df may be fractional). */
    public static double twoSidedP(double t, double df) {
        if (Double.isInfinite(t)) {
            return 0.0;
        }
        double p = 2.0 * new TDistribution(null, df).cumulativeProbability(-Math.abs(t));
        return Math.min(1.0, p);
    }

    /**
     * Holm's step-down adjusted p-values: with the m known p-values sorted ascending,
     * adj_(i) = min(1, max_{j <= i} (m - j + 1) p_(j)). NaN entries (unknown comparisons) are not
     * part of the family and stay NaN. Rejecting where adj &lt;= alpha controls the family-wise
     * error at alpha.
     */
    public static double[] holm(double[] p) {
        int[] order = IntStream.range(0, p.length).filter(i -> !Double.isNaN(p[i])).boxed()
                .sorted(Comparator.comparingDouble(i -> p[i])).mapToInt(Integer::intValue).toArray();
        double[] adj = new double[p.length];
        Arrays.fill(adj, Double.NaN);
        int m = order.length;
        double running = 0;
        for (int k = 0; k < m; k++) {
            running = Math.max(running, Math.min(1.0, (m - k) * p[order[k]]));
            adj[order[k]] = running;
        }
        return adj;
    }

    /** Result of comparing method A with method B (difference = A - B), one test, no correction. */
    public record Comparison(double meanA, double stdA, int nA, double meanB, double stdB, int nB,
                             double difference, double standardError, double welchT, double degreesOfFreedom,
                             double pValue) {
        /** False when either side has fewer than two repeats: no verdict. */
        public boolean known() {
            return !Double.isNaN(pValue);
        }

        /** Known and not rejected at {@link #ALPHA}. */
        public boolean withinNoise() {
            return known() && pValue > ALPHA;
        }

        public String describe() {
            String verdict = !known() ? " (noise unknown: fewer than 2 repeats)"
                    : String.format(java.util.Locale.ROOT, ", Welch t %.2f, df %.1f, p %.3f%s", welchT, degreesOfFreedom,
                    pValue, withinNoise() ? " (within noise)" : " (beyond noise)");
            return String.format(java.util.Locale.ROOT, "%.2f ± %.2f (n=%d) vs %.2f ± %.2f (n=%d): diff %+.2f, SE %.2f%s",
                    meanA, stdA, nA, meanB, stdB, nB, difference, standardError, verdict);
        }
    }

    public static Comparison compare(double[] a, double[] b) {
        double ma = mean(a);
        double mb = mean(b);
        double sa = std(a);
        double sb = std(b);
        Welch w = welch(ma, sa, a.length, mb, sb, b.length);
        return new Comparison(ma, sa, a.length, mb, sb, b.length, w.difference(), w.standardError(), w.t(),
                w.degreesOfFreedom(), w.pValue());
    }
}

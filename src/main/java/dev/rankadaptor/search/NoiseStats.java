package dev.rankadaptor.search;

/**
 * Honest statistics for repeated trials. Differences between rank configurations are often the
 * size of run-to-run noise (reference-facts §1: single tasks move by several points between
 * re-runs), so every comparison carries its standard error and a "within noise" flag.
 *
 * <p>Rule: two methods' repeated scores differ "beyond noise" only when
 * |mean_a - mean_b| >= 2 * SE, with SE = sqrt(s_a^2/n_a + s_b^2/n_b) (Welch's standard error).
 * For moderate sample sizes this is roughly a two-sided 95% test; with the few repeats a search
 * can afford it is a screening flag, not a proof. With fewer than two repeats on either side the
 * noise is unknown and the difference is reported as within noise.
 */
public final class NoiseStats {
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

    /** Result of comparing method A with method B (difference = A - B). */
    public record Comparison(double meanA, double stdA, int nA, double meanB, double stdB, int nB,
                             double difference, double standardError, double welchT, double degreesOfFreedom,
                             boolean withinNoise) {
        public String describe() {
            return String.format(java.util.Locale.ROOT, "%.2f ± %.2f (n=%d) vs %.2f ± %.2f (n=%d): diff %+.2f, SE %.2f%s",
                    meanA, stdA, nA, meanB, stdB, nB, difference, standardError,
                    withinNoise ? " (within noise)" : " (beyond noise)");
        }
    }

    public static Comparison compare(double[] a, double[] b) {
        double ma = mean(a);
        double mb = mean(b);
        double sa = std(a);
        double sb = std(b);
        double diff = ma - mb;
        if (a.length < 2 || b.length < 2) {
            return new Comparison(ma, sa, a.length, mb, sb, b.length, diff, Double.NaN, Double.NaN, Double.NaN, true);
        }
        double va = sa * sa / a.length;
        double vb = sb * sb / b.length;
        double se = Math.sqrt(va + vb);
        double t = se > 0 ? diff / se : (diff == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, diff));
        double df = se > 0 ? (va + vb) * (va + vb) / (va * va / (a.length - 1) + vb * vb / (b.length - 1)) : Double.NaN;
        boolean within = Math.abs(diff) < 2 * se || (se == 0 && diff == 0);
        return new Comparison(ma, sa, a.length, mb, sb, b.length, diff, se, t, df, within);
    }
}

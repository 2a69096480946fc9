package dev.rankadaptor.search;

/**
 * Rank agreement between predictions and measurements: Spearman's rho (Pearson correlation of average
 * ranks, so ties share their mean rank) and Kendall's tau-b (concordant minus discordant pairs, corrected
 * for ties on either side), plus the root mean squared error. NaN when undefined (fewer than two
 * points, or one side constant).
 */
public final class RankCorrelation {
    private RankCorrelation() {
    }

    /** Average ranks, 1-based; tied values share the mean of their positions. */
    public static double[] ranks(double[] x) {
        int n = x.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(x[a], x[b]));
        double[] r = new double[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && x[order[j + 1]] == x[order[i]]) {
                j++;
            }
            double avg = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                r[order[k]] = avg;
            }
            i = j + 1;
        }
        return r;
    }

    public static double pearson(double[] a, double[] b) {
        check(a, b);
        int n = a.length;
        if (n < 2) {
            return Double.NaN;
        }
        double ma = NoiseStats.mean(a);
        double mb = NoiseStats.mean(b);
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < n; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return saa <= 0 || sbb <= 0 ? Double.NaN : sab / Math.sqrt(saa * sbb);
    }

    public static double spearman(double[] a, double[] b) {
        check(a, b);
        return pearson(ranks(a), ranks(b));
    }

    /** Kendall's tau-b: (C - D) / sqrt((n0 - n1)(n0 - n2)), n0 = n(n-1)/2, n1 / n2 the pairs tied in a / b. */
    public static double kendall(double[] a, double[] b) {
        check(a, b);
        int n = a.length;
        long concordant = 0;
        long discordant = 0;
        long tiedA = 0;
        long tiedB = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double da = Math.signum(a[i] - a[j]);
                double db = Math.signum(b[i] - b[j]);
                if (da == 0) {
                    tiedA++;
                }
                if (db == 0) {
                    tiedB++;
                }
                if (da != 0 && db != 0) {
                    if (da == db) {
                        concordant++;
                    } else {
                        discordant++;
                    }
                }
            }
        }
        long n0 = (long) n * (n - 1) / 2;
        double denom = Math.sqrt((double) (n0 - tiedA) * (n0 - tiedB));
        return denom == 0 ? Double.NaN : (concordant - discordant) / denom;
    }

    public static double rmse(double[] predicted, double[] measured) {
        check(predicted, measured);
        if (predicted.length == 0) {
            return Double.NaN;
        }
        double ss = 0;
        for (int i = 0; i < predicted.length; i++) {
            ss += (predicted[i] - measured[i]) * (predicted[i] - measured[i]);
        }
        return Math.sqrt(ss / predicted.length);
    }

    private static void check(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("lengths differ: " + a.length + " and " + b.length);
        }
    }
}

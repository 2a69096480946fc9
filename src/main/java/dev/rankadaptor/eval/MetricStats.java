package dev.rankadaptor.eval;

/**
 * Mean and standard error of per-item scores, as the harness' mean and mean_stderr: the sample
 * standard deviation (n - 1 in the denominator) divided by sqrt(n). The standard error is what
 * tells whether two rank configurations really differ, so it is reported with every score.
 */
public final class MetricStats {
    private MetricStats() {
    }

    public static double mean(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("mean of no values");
        }
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** Sample std / sqrt(n); null for fewer than two values (undefined, the harness divides by zero). */
    public static Double meanStderr(double[] values) {
        int n = values.length;
        if (n < 2) {
            return null;
        }
        double mu = mean(values);
        double ss = 0;
        for (double v : values) {
            ss += (v - mu) * (v - mu);
        }
        return Math.sqrt(ss / (n - 1)) / Math.sqrt(n);
    }
}

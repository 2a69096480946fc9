package dev.rankadaptor.eval;

import dev.rankadaptor.common.Check;

/**
 * One metric of one task: a fraction in [0, 1] and its standard error.
 *
 * @param metric the metric
 * @param value  mean of the per-item 0/1 outcomes
 * @param stderr standard error of the mean, null when n &lt; 2
 */
public record MetricValue(Metric metric, double value, Double stderr) {
    public MetricValue {
        Check.notNull("metric", metric);
        Check.inRange("value", value, 0.0, 1.0);
        if (stderr != null) {
            Check.inRange("stderr", stderr, 0.0, 1.0);
        }
    }
}

package dev.rankadaptor.eval;

import dev.rankadaptor.common.Check;
import dev.rankadaptor.common.InvalidFieldException;

import java.util.List;

/**
 * The outcome of evaluating one task: every metric the harness computes for it with standard
 * errors, plus the one the paper's tables report, so that a table and a JSON file agree on which
 * number is "the" score.
 *
 * @param task      the task
 * @param n         items evaluated
 * @param available items the data file holds (n &lt; available for a subset)
 * @param metrics   acc (and acc_norm where the harness computes it)
 * @param reported  the reported metric's value (copied from {@code metrics} for convenience)
 */
public record TaskResult(TaskKind task, int n, int available, List<MetricValue> metrics, MetricValue reported) {
    public TaskResult {
        Check.notNull("task", task);
        Check.positive("n", n);
        Check.inRange("available", available, n, Integer.MAX_VALUE);
        Check.notNull("metrics", metrics);
        Check.notNull("reported", reported);
        metrics = List.copyOf(metrics);
        if (!metrics.contains(reported)) {
            throw new InvalidFieldException("reported", "must be one of the task's metrics");
        }
        if (reported.metric() != task.reportedMetric()) {
            throw new InvalidFieldException("reported", "must be " + task.reportedMetric().id() + " for " + task.id()
                    + ", was " + reported.metric().id());
        }
    }

    /** The value of a metric, or NaN when the task does not compute it. */
    public double value(Metric metric) {
        for (MetricValue m : metrics) {
            if (m.metric() == metric) {
                return m.value();
            }
        }
        return Double.NaN;
    }
}

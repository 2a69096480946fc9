package dev.rankadaptor.train;

import java.util.List;

/** Loss per optimizer step, validation (step, loss) pairs, steps done and wall time in seconds. */
public record TrainingResult(List<Double> losses, List<double[]> validation, int steps, double seconds) {
    public TrainingResult {
        losses = List.copyOf(losses);
        validation = List.copyOf(validation);
    }

    /** Mean of the last k step losses (a less noisy "final loss"). */
    public double finalLoss(int k) {
        int n = losses.size();
        if (n == 0) {
            return Double.NaN;
        }
        double s = 0;
        int from = Math.max(0, n - k);
        for (int i = from; i < n; i++) {
            s += losses.get(i);
        }
        return s / (n - from);
    }
}

package dev.rankadaptor.search;

import java.util.List;

/**
 * The convergence test both search loops share (sequential {@link SearchLoop} and asynchronous
 * {@link AsyncSearch}): the threshold is the configured one, or, when it is 0, the noise the noise
 * trials show once the last of them has arrived; then |predicted - measured| under the threshold for
 * {@code convergencePatience} consecutive model-guided trials ends the search.
 */
final class ConvergenceTracker {
    private final SearchConfig config;
    private double threshold;
    private int noiseSeen;
    private int streak;

    ConvergenceTracker(SearchConfig config) {
        this.config = config;
        this.threshold = config.thresholdFromNoise() ? Double.NaN : config.convergenceThreshold();
    }

    /** Takes one measured trial ({@code records} already holds it); tells the listener when the noise is known. */
    void observe(TrialRecord rec, List<TrialRecord> records, SearchListener listener) {
        if (rec.phase() == TrialPhase.NOISE && ++noiseSeen == config.noiseTrials()) {
            TrialNoise noise = TrialNoise.of(records);
            if (config.thresholdFromNoise()) {
                threshold = noise.threshold(records);
            }
            listener.noiseMeasured(noise, config.thresholdFromNoise() ? threshold : config.convergenceThreshold());
        }
        if (rec.phase() == TrialPhase.SEARCH && Double.isFinite(rec.predicted())) {
            streak = rec.predictionError() < threshold ? streak + 1 : 0;
        }
    }

    boolean converged() {
        return streak >= config.convergencePatience();
    }

    /** Noise trials measured so far. */
    int noiseSeen() {
        return noiseSeen;
    }

    /** The threshold in force (NaN until the noise is known, when it comes from the noise). */
    double threshold() {
        return threshold;
    }
}

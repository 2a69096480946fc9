package dev.rankadaptor.search;

import java.util.List;

/**
 * The refit rule both search loops share (sequential {@link SearchLoop} and asynchronous
 * {@link AsyncSearch}): once enough trials are measured, the performance model is fitted on all of
 * them, from its initial state (random or meta-learned) the first time or when the config refits from
 * scratch, otherwise warm-started with the shorter update schedule; and the {@link ModelUpdate} the
 * listener gets from the fitted model.
 */
final class ModelRefit {
    private final PerformanceModel model;
    private final SearchConfig config;
    private final ModelState init;
    private final boolean meta;
    private boolean fitted;
    private double lastMse = Double.NaN;
    private long lastMillis;

    /** {@code model} in its initial state (already meta-trained when {@code meta}). */
    ModelRefit(PerformanceModel model, SearchConfig config, boolean meta) {
        this.model = model;
        this.config = config;
        this.meta = meta;
        this.init = model.state();
    }

    /** Fits the model on every measurement in {@code records}. */
    void refit(List<TrialRecord> records) {
        long t0 = System.nanoTime();
        int epochs;
        if (!fitted || config.refit() == SearchConfig.RefitMode.FROM_SCRATCH) {
            model.load(init);
            epochs = meta ? config.model().updateEpochs() : config.model().fitEpochs();
        } else {
            epochs = config.model().updateEpochs();
        }
        lastMse = model.fit(records.stream().map(TrialRecord::ranks).toList(),
                records.stream().mapToDouble(TrialRecord::score).toArray(), epochs);
        lastMillis = (System.nanoTime() - t0) / 1_000_000;
        fitted = true;
    }

    /** True once the model has been fitted on measurements. */
    boolean fitted() {
        return fitted;
    }

    /** The fitted model's state, or null before the first fit. */
    ModelState stateOrNull() {
        return fitted ? model.state() : null;
    }

    /** The model's rank importance (call only when {@link #fitted}). */
    RankImportance importance() {
        return model.importance(config.importanceSamples(), config.seed());
    }

    /** What the listener is told after a fit: the model's predictions of the measured trials and its importance. */
    ModelUpdate update(List<TrialRecord> records) {
        double[] predicted = model.predict(records.stream().map(TrialRecord::ranks).toList());
        return new ModelUpdate(records.size(), records.stream().mapToInt(TrialRecord::index).toArray(),
                records.stream().mapToDouble(TrialRecord::score).toArray(), predicted, importance(), lastMse, lastMillis);
    }
}

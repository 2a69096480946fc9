package dev.rankadaptor.search;

/**
 * Sent after every performance-model update, for the "predicted vs actual" chart and the
 * per-layer importance heatmap. {@code predicted[i]} is the updated model's fit of
 * {@code measured[i]} (trial {@code trialIndices[i]}), i.e. training-set fit, not a forecast.
 *
 * @param trialCount   trials the model has been trained on
 * @param trialIndices indices of those trials
 * @param measured     their measured scores
 * @param predicted    the updated model's predictions for them
 * @param importance   per-layer rank importance of the updated model
 * @param trainMse     final training mean squared error (score units squared)
 * @param trainMillis  time the update took
 */
public record ModelUpdate(int trialCount, int[] trialIndices, double[] measured, double[] predicted,
                          RankImportance importance, double trainMse, long trainMillis) {
    public ModelUpdate {
        trialIndices = trialIndices.clone();
        measured = measured.clone();
        predicted = predicted.clone();
    }
}

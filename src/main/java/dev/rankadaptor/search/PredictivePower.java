package dev.rankadaptor.search;

import java.util.Map;

/**
 * How well the performance model predicts, on one set of trials: what no model summary can hide.
 * Every number is NaN (null in JSON) when it cannot be computed (too few trials, a constant side).
 *
 * @param prospective the predictions made before each model-guided trial against its measurement
 * @param crossValidated k-fold cross-validation on the trials (identical configurations always in one fold):
 *                    the MLP ("mlp") beside predicting the training mean ("mean") and ridge regression on the
 *                    rank vector ("ridge")
 * @param noise       repeat noise of one trial and the ceiling it implies
 */
public record PredictivePower(Prospective prospective, CrossValidation crossValidated, NoiseCeiling noise) {
    /** Model ids in {@link CrossValidation#models()}. */
    public static final String MLP = "mlp";
    public static final String MEAN = "mean";
    public static final String RIDGE = "ridge";

    /** Predictions made before the trials ran (none for random initial trials). */
    public record Prospective(int n, double spearman, double kendall, double rmse) {
    }

    /** Held-out agreement of one predictor, pooled over the folds. */
    public record Metrics(double spearman, double kendall, double rmse) {
    }

    /**
     * @param n      trials
     * @param groups distinct configurations
     * @param folds  folds used (at most the number of distinct configurations)
     * @param models per predictor id
     */
    public record CrossValidation(int n, int groups, int folds, Map<String, Metrics> models) {
        public CrossValidation {
            models = Map.copyOf(models);
        }
    }

    /**
     * @param std               pooled std of configurations measured more than once (NaN: nothing repeated)
     * @param degreesOfFreedom  of that estimate
     * @param rmseFloor         the smallest RMSE any predictor can reach against single measurements: the noise std
     * @param correlationCeiling the largest correlation with single measurements a perfect predictor of the true
     *                          score could reach, sqrt(1 - std^2 / variance of the scores) (reliability bound)
     */
    public record NoiseCeiling(double std, int degreesOfFreedom, double rmseFloor, double correlationCeiling) {
    }
}

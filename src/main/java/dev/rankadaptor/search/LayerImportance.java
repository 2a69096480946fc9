package dev.rankadaptor.search;

/**
 * Per-layer rank importance read off the performance model, in score units: for each layer, the
 * change of the predicted score when that layer alone goes from the smallest to the largest
 * candidate rank, averaged over random rank vectors for the other layers. {@code meanAbsEffect}
 * says how much a layer matters; {@code meanEffect} says which way (positive: wants more rank).
 * It describes the model, not the truth: with few trials it is mostly the model's guess.
 */
public record LayerImportance(double[] meanAbsEffect, double[] meanEffect, int samples) {
    public LayerImportance {
        meanAbsEffect = meanAbsEffect.clone();
        meanEffect = meanEffect.clone();
    }

    @Override
    public double[] meanAbsEffect() {
        return meanAbsEffect.clone();
    }

    @Override
    public double[] meanEffect() {
        return meanEffect.clone();
    }
}

package dev.rankadaptor.experiment;

import dev.rankadaptor.search.PredictivePower;

import java.util.Locale;

/**
 * The predictive-power section of the report (results.md and the terminal): how well the performance
 * model ranked and predicted the run's trials, beside the two baselines and the noise ceiling.
 * Scores are fractions, so RMSE is printed in points (x 100) like the table.
 */
public final class PredictivePowerText {
    private PredictivePowerText() {
    }

    public static String markdown(PredictivePower p) {
        StringBuilder sb = new StringBuilder("\n### Performance model: predictive power\n\n");
        var pro = p.prospective();
        sb.append(String.format(Locale.ROOT, "Predictions made before each model-guided trial vs its measurement (n = %d): "
                + "Spearman %s, Kendall %s, RMSE %s points.%n%n", pro.n(), f(pro.spearman()), f(pro.kendall()), pts(pro.rmse())));
        var cv = p.crossValidated();
        sb.append(String.format(Locale.ROOT, "%d-fold cross-validation on %d trials (%d distinct configurations; "
                + "identical configurations share a fold):%n%n", cv.folds(), cv.n(), cv.groups()));
        sb.append("| Predictor | Spearman | Kendall | RMSE (points) |\n|:---|---:|---:|---:|\n");
        for (String m : PredictivePowerJson.MODELS) {
            var x = cv.models().get(m);
            sb.append("| ").append(label(m)).append(" | ").append(f(x.spearman())).append(" | ").append(f(x.kendall()))
                    .append(" | ").append(pts(x.rmse())).append(" |\n");
        }
        var n = p.noise();
        sb.append(String.format(Locale.ROOT, "| noise ceiling | %s | | %s |%n", f(n.correlationCeiling()), pts(n.rmseFloor())));
        sb.append(String.format(Locale.ROOT, "%nNoise: std of one trial %s points (%d degree(s) of freedom from repeated "
                        + "configurations); no predictor can beat that RMSE or, roughly, that correlation.%n",
                pts(n.std()), n.degreesOfFreedom()));
        return sb.toString();
    }

    /** One line for the Charts panel: held-out Spearman / RMSE of the MLP and the baselines, prospective rho, noise. */
    public static String oneLine(PredictivePower p) {
        if (p == null) {
            return "performance model's predictive power: shown when the run's report is written";
        }
        var cv = p.crossValidated().models();
        return String.format(Locale.ROOT, "model check (%d-fold CV, n %d): Spearman mlp %s · ridge %s · mean %s; RMSE mlp %s · ridge %s · "
                        + "mean %s pts · noise floor %s pts; before-trial Spearman %s (n %d)",
                p.crossValidated().folds(), p.crossValidated().n(), f(cv.get(PredictivePower.MLP).spearman()),
                f(cv.get(PredictivePower.RIDGE).spearman()), f(cv.get(PredictivePower.MEAN).spearman()),
                pts(cv.get(PredictivePower.MLP).rmse()), pts(cv.get(PredictivePower.RIDGE).rmse()),
                pts(cv.get(PredictivePower.MEAN).rmse()), pts(p.noise().rmseFloor()), f(p.prospective().spearman()),
                p.prospective().n());
    }

    public static String label(String model) {
        return switch (model) {
            case PredictivePower.MLP -> "performance model (MLP)";
            case PredictivePower.MEAN -> "mean of the training trials";
            case PredictivePower.RIDGE -> "ridge on the rank vector";
            default -> model;
        };
    }

    static String f(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f", v) : "–";
    }

    static String pts(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f", v * 100) : "–";
    }
}

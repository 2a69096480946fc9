package dev.rankadaptor.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rankadaptor.search.PredictivePower;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link PredictivePower} as JSON (the {@code predictive_power} object of results.json and the per-group
 * {@code models} of {@code model-check --json}): snake_case keys, NaN written as null, models in the
 * order mlp, mean, ridge.
 */
public final class PredictivePowerJson {
    /** Predictor ids in display order. */
    public static final List<String> MODELS = List.of(PredictivePower.MLP, PredictivePower.MEAN, PredictivePower.RIDGE);

    private PredictivePowerJson() {
    }

    public static ObjectNode toJson(PredictivePower p) {
        ObjectNode root = ProjectJson.MAPPER.createObjectNode();
        ObjectNode pro = root.putObject("prospective");
        pro.put("n", p.prospective().n());
        num(pro, "spearman", p.prospective().spearman());
        num(pro, "kendall", p.prospective().kendall());
        num(pro, "rmse", p.prospective().rmse());
        ObjectNode cv = root.putObject("cross_validated");
        cv.put("n", p.crossValidated().n());
        cv.put("configurations", p.crossValidated().groups());
        cv.put("folds", p.crossValidated().folds());
        cv.set("models", models(p.crossValidated()));
        ObjectNode noise = root.putObject("noise");
        num(noise, "std", p.noise().std());
        noise.put("degrees_of_freedom", p.noise().degreesOfFreedom());
        num(noise, "rmse_floor", p.noise().rmseFloor());
        num(noise, "correlation_ceiling", p.noise().correlationCeiling());
        return root;
    }

    /** {"mlp": {"spearman", "kendall", "rmse"}, "mean": ..., "ridge": ...}. */
    public static ObjectNode models(PredictivePower.CrossValidation cv) {
        ObjectNode models = ProjectJson.MAPPER.createObjectNode();
        for (String m : MODELS) {
            PredictivePower.Metrics x = cv.models().get(m);
            ObjectNode o = models.putObject(m);
            num(o, "spearman", x.spearman());
            num(o, "kendall", x.kendall());
            num(o, "rmse", x.rmse());
        }
        return models;
    }

    public static PredictivePower fromJson(JsonNode root) {
        JsonNode pro = root.path("prospective");
        JsonNode cv = root.path("cross_validated");
        JsonNode noise = root.path("noise");
        Map<String, PredictivePower.Metrics> models = new LinkedHashMap<>();
        for (String m : MODELS) {
            JsonNode o = cv.path("models").path(m);
            models.put(m, new PredictivePower.Metrics(num(o, "spearman"), num(o, "kendall"), num(o, "rmse")));
        }
        return new PredictivePower(
                new PredictivePower.Prospective(pro.path("n").asInt(), num(pro, "spearman"), num(pro, "kendall"), num(pro, "rmse")),
                new PredictivePower.CrossValidation(cv.path("n").asInt(), cv.path("configurations").asInt(),
                        cv.path("folds").asInt(), models),
                new PredictivePower.NoiseCeiling(num(noise, "std"), noise.path("degrees_of_freedom").asInt(),
                        num(noise, "rmse_floor"), num(noise, "correlation_ceiling")));
    }

    static void num(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }

    private static double num(JsonNode o, String key) {
        JsonNode v = o.get(key);
        return v == null || !v.isNumber() ? Double.NaN : v.asDouble();
    }
}

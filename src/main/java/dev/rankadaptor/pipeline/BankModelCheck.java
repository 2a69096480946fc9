package dev.rankadaptor.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rankadaptor.common.AtomicFiles;
import dev.rankadaptor.eval.TaskKind;
import dev.rankadaptor.experiment.PredictivePowerJson;
import dev.rankadaptor.experiment.PredictivePowerText;
import dev.rankadaptor.search.ModelCheck;
import dev.rankadaptor.search.ModelConfig;
import dev.rankadaptor.search.PredictivePower;
import dev.rankadaptor.search.RankSpace;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * {@code model-check}: the performance model's held-out predictive power on any trial bank, per group,
 * beside the mean and ridge baselines ({@link ModelCheck}). The rank space of a group is its records'
 * layer count and the ranks they use; the model is the search's default MLP.
 */
public final class BankModelCheck {
    private BankModelCheck() {
    }

    /** One group's result. */
    public record Result(String group, int n, PredictivePower.CrossValidation cv, PredictivePower.NoiseCeiling noise) {
    }

    /**
     * @param target null: each group's common tasks (published) or the run's own target (journals); "average"
     *               is the same; otherwise one task id whose score is the target
     */
    public static List<Result> run(List<Path> banks, String target, int folds, long seed) {
        List<String> tasks = target == null || target.equalsIgnoreCase("average") ? null : List.of(TaskKind.parse(target).id());
        List<Result> out = new ArrayList<>();
        for (BankGroups.Group g : BankGroups.load(banks, tasks)) {
            TreeSet<Integer> used = new TreeSet<>();
            g.ranks().forEach(r -> {
                for (int v : r) {
                    used.add(v);
                }
            });
            RankSpace space = new RankSpace(g.ranks().get(0).length, List.copyOf(used));
            double[] scores = g.scoreArray();
            PredictivePower.CrossValidation cv = ModelCheck.crossValidate(space, ModelConfig.defaults(), seed, g.ranks(), scores, folds);
            out.add(new Result(g.name(), scores.length, cv, ModelCheck.noise(g.ranks(), scores)));
        }
        return out;
    }

    /** {"groups": [{"group", "n", "configurations", "folds", "models": {"mlp": {...}, "mean": {...}, "ridge": {...}}, "noise_std"}]}. */
    public static String json(List<Result> results) {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = m.createObjectNode();
        ArrayNode groups = root.putArray("groups");
        for (Result r : results) {
            ObjectNode g = groups.addObject();
            g.put("group", r.group());
            g.put("n", r.n());
            g.put("configurations", r.cv().groups());
            g.put("folds", r.cv().folds());
            g.set("models", PredictivePowerJson.models(r.cv()));
            if (Double.isFinite(r.noise().std())) {
                g.put("noise_std", r.noise().std());
            } else {
                g.putNull("noise_std");
            }
        }
        try {
            return m.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void writeJson(Path file, List<Result> results) {
        AtomicFiles.writeString(file, json(results));
    }

    /** One block per group: n, folds, and a line per predictor. */
    public static String text(List<Result> results) {
        StringBuilder sb = new StringBuilder();
        for (Result r : results) {
            sb.append(String.format(Locale.ROOT, "group %s: n = %d (%d configurations, %d folds)%n", r.group(), r.n(),
                    r.cv().groups(), r.cv().folds()));
            sb.append(String.format(Locale.ROOT, "  %-36s %9s %9s %14s%n", "predictor (held out)", "Spearman", "Kendall", "RMSE (points)"));
            for (String id : PredictivePowerJson.MODELS) {
                PredictivePower.Metrics x = r.cv().models().get(id);
                sb.append(String.format(Locale.ROOT, "  %-36s %9s %9s %14s%n", id + " (" + PredictivePowerText.label(id) + ")",
                        f(x.spearman()), f(x.kendall()), Double.isFinite(x.rmse()) ? String.format(Locale.ROOT, "%.2f", x.rmse() * 100) : "–"));
            }
            if (r.cv().folds() == 0) {
                sb.append("  (fewer than 3 distinct configurations: nothing to cross-validate)\n");
            }
        }
        return sb.toString();
    }

    private static String f(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "–";
    }
}

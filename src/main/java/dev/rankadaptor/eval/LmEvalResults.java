package dev.rankadaptor.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rankadaptor.common.Json;
import dev.rankadaptor.common.UserInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scores of an lm-evaluation-harness results file ({@code results_*.json} / {@code results.json}),
 * so a user can put the official harness's numbers for a model beside ours. Reads the
 * {@code results} block, task → metrics, in both key styles the harness has written: since v0.4
 * {@code "acc,none"}, {@code "acc_stderr,none"}, {@code "acc_norm,none"}, {@code "acc_norm_stderr,none"}
 * (metric, comma, filter); before, {@code "acc"}, {@code "acc_stderr"}, {@code "acc_norm"},
 * {@code "acc_norm_stderr"}. Tasks are matched by the harness names of {@link TaskKind#id()};
 * other tasks in the file (lambada, mmlu, …) are listed in {@link #otherTasks()} and not used.
 *
 * @param source     the file, for messages and reports
 * @param model      what the file says was evaluated (model_args' pretrained=…, or model_name), or null
 * @param scores     per task of ours found in the file, the metrics it has (acc, acc_norm) with stderr
 * @param otherTasks harness tasks in the file that are not ours
 */
public record LmEvalResults(String source, String model, Map<TaskKind, List<MetricValue>> scores, List<String> otherTasks) {
    public LmEvalResults {
        scores = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scores));
        otherTasks = List.copyOf(otherTasks);
    }

    /** The metric the paper reports for the task ({@link TaskKind#reportedMetric()}), or null when the file lacks it. */
    public MetricValue reported(TaskKind kind) {
        List<MetricValue> m = scores.get(kind);
        if (m == null) {
            return null;
        }
        return m.stream().filter(v -> v.metric() == kind.reportedMetric()).findFirst().orElse(null);
    }

    /** Reads and validates a results file; every problem is a user error naming the file and the field. */
    public static LmEvalResults read(Path file) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new UserInputException(file + ": file not found (expected an lm-evaluation-harness results JSON)");
        } catch (JsonProcessingException e) {
            throw new UserInputException(file + ": not valid JSON (expected an lm-evaluation-harness results JSON): "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot be read: " + e.getMessage(), e);
        }
        return parse(file.toString(), root);
    }

    /** Validates an already parsed results document; {@code name} is used in messages. */
    public static LmEvalResults parse(String name, JsonNode root) {
        JsonNode results = root == null ? null : root.get("results");
        if (results == null || !results.isObject()) {
            throw new UserInputException(name + ": field 'results' missing (expected an lm-evaluation-harness results JSON "
                    + "with a \"results\" object of task -> metrics)");
        }
        Map<TaskKind, List<MetricValue>> scores = new LinkedHashMap<>();
        List<String> others = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = results.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            TaskKind kind = kindOf(e.getKey());
            if (kind == null) {
                others.add(e.getKey());
                continue;
            }
            String where = "results." + e.getKey();
            if (!e.getValue().isObject()) {
                throw new UserInputException(name + ": field '" + where + "' is not an object (expected metric -> value)");
            }
            List<MetricValue> values = new ArrayList<>();
            for (Metric m : Metric.values()) {
                MetricValue v = metric(name, where, e.getValue(), m);
                if (v != null) {
                    values.add(v);
                }
            }
            if (values.stream().noneMatch(v -> v.metric() == kind.reportedMetric())) {
                throw new UserInputException(name + ": field '" + where + "' has no " + kind.reportedMetric().id()
                        + " (expected \"" + kind.reportedMetric().id() + ",none\" or \"" + kind.reportedMetric().id()
                        + "\", the metric the paper reports for " + kind.displayName() + ")");
            }
            scores.put(kind, values);
        }
        if (scores.isEmpty()) {
            throw new UserInputException(name + ": 'results' has none of the tasks boolq, piqa, hellaswag, winogrande, "
                    + "arc_easy, arc_challenge, openbookqa (found: " + (others.isEmpty() ? "nothing" : String.join(", ", others)) + ")");
        }
        return new LmEvalResults(name, model(root), scores, others);
    }

    private static TaskKind kindOf(String task) {
        for (TaskKind k : TaskKind.values()) {
            if (k.id().equals(task)) {
                return k;
            }
        }
        return null;
    }

    /** acc / acc_norm with its stderr, new key style first; null when the task has no such metric. */
    private static MetricValue metric(String file, String where, JsonNode task, Metric m) {
        String key = m.id() + ",none";
        String errKey = m.id() + "_stderr,none";
        if (!task.has(key)) {
            key = m.id();
            errKey = m.id() + "_stderr";
        }
        JsonNode v = task.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        double value = fraction(file, where + "." + key, v, true);
        JsonNode se = task.get(errKey);
        // the harness writes "N/A" where it skipped the bootstrap
        Double stderr = se == null || se.isNull() || (se.isTextual() && se.asText().equals("N/A")) ? null
                : fraction(file, where + "." + errKey, se, false);
        return new MetricValue(m, value, stderr);
    }

    private static double fraction(String file, String field, JsonNode v, boolean score) {
        if (!v.isNumber()) {
            throw new UserInputException(file + ": field '" + field + "' is " + v + " (expected a number in [0, 1])");
        }
        double d = v.doubleValue();
        if (!(d >= 0 && d <= 1)) {
            throw new UserInputException(file + ": field '" + field + "' is " + d + " (expected a " + (score ? "fraction" : "standard error")
                    + " in [0, 1], as the harness writes)");
        }
        return d;
    }

    private static String model(JsonNode root) {
        JsonNode args = root.path("config").path("model_args");
        if (args.isTextual()) {
            for (String part : args.asText().split(",")) {
                String p = part.strip();
                if (p.startsWith("pretrained=")) {
                    return p.substring("pretrained=".length());
                }
            }
        } else if (args.isObject() && args.path("pretrained").isTextual()) {
            return args.path("pretrained").asText();
        }
        JsonNode name = root.get("model_name");
        return name != null && name.isTextual() && !name.asText().isBlank() ? name.asText() : null;
    }
}

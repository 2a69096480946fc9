package dev.rankadaptor.pipeline;

import dev.rankadaptor.eval.LmEvalResults;
import dev.rankadaptor.eval.MetricValue;
import dev.rankadaptor.eval.TaskKind;
import dev.rankadaptor.experiment.MethodRow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An lm-evaluation-harness results file as a reference row of a results table, beside the
 * paper's: per task the metric the paper reports (BoolQ, PIQA, WinoGrande, ARC-e: acc; HellaSwag,
 * ARC-c, OBQA: acc_norm), as a fraction. Like the paper's rows it is never "best" among ours and
 * never compared for noise; its average is over the tasks of the table the file has.
 */
public final class LmEvalRows {
    private LmEvalRows() {
    }

    /**
     * The row for {@code tableTasks} (task ids of the table); {@code label} null gives
     * "lm-eval: &lt;model&gt;" (or the file name when the file names no model).
     */
    public static MethodRow row(LmEvalResults results, String label, List<String> tableTasks) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (String t : tableTasks) {
            MetricValue v = results.reported(TaskKind.parse(t));
            if (v != null) {
                values.put(t, v.value());
            }
        }
        if (values.isEmpty()) {
            throw new dev.rankadaptor.common.UserInputException(results.source() + ": has none of the table's tasks "
                    + tableTasks + " (it has " + results.scores().keySet().stream().map(TaskKind::id).toList() + ")");
        }
        String shown = label == null || label.isBlank() ? defaultLabel(results) : label.strip();
        String id = "lm_eval_" + shown.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
        return MethodRow.reference(id, shown, "lm-evaluation-harness results " + results.source(), values, null);
    }

    /** "lm-eval: huggyllama/llama-7b", or "lm-eval: results.json" when the file names no model. */
    public static String defaultLabel(LmEvalResults results) {
        String model = results.model();
        return "lm-eval: " + (model != null ? model : java.nio.file.Path.of(results.source()).getFileName());
    }
}

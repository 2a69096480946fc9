package dev.rankadaptor.pipeline;

import dev.rankadaptor.common.InvalidFieldException;
import dev.rankadaptor.eval.TaskKind;
import dev.rankadaptor.experiment.MethodRow;
import dev.rankadaptor.reference.PaperReference;
import dev.rankadaptor.reference.PaperRow;
import dev.rankadaptor.reference.PaperTable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The paper's published rows (a table, a pruner, a ratio) as reference rows of a results table,
 * so our measurements and the published numbers sit side by side, always marked as published.
 */
public final class PaperRows {
    private PaperRows() {
    }

    /** Rows of {@code tableId} (e.g. table2) at {@code ratioPercent}, optionally one pruner; fractions in [0, 1]. */
    public static List<MethodRow> rows(String tableId, String pruner, int ratioPercent) {
        PaperReference ref = PaperReference.bundled();
        PaperTable table = ref.tables().table(tableId).orElseThrow(() -> new InvalidFieldException("--paper-table",
                "unknown table '" + tableId + "' (known: " + ref.tables().tables().stream().map(PaperTable::id).toList() + ")"));
        List<String> paperTasks = ref.tables().tasks();
        List<MethodRow> out = new ArrayList<>();
        for (PaperRow r : table.rows()) {
            if (r.ratioPercent() == null || r.ratioPercent() != ratioPercent || (pruner != null && !pruner.equalsIgnoreCase(r.pruner()))) {
                continue;
            }
            Map<String, Double> values = new LinkedHashMap<>();
            for (int i = 0; i < paperTasks.size(); i++) {
                values.put(TaskKind.parse(paperTasks.get(i)).id(), r.scores().get(i) / 100.0);
            }
            String source = table.model() + ", " + table.caption().split(":")[0] + " (paper line " + r.sourceLine() + ")";
            out.add(MethodRow.reference("paper_" + r.method().toLowerCase(java.util.Locale.ROOT).replace(' ', '_'),
                    r.label(), source, values, r.avg() == null ? null : r.avg() / 100.0));
        }
        if (out.isEmpty()) {
            throw new InvalidFieldException("--paper-ratio", "table " + tableId + " has no rows at " + ratioPercent + "%"
                    + (pruner == null ? "" : " for " + pruner));
        }
        return out;
    }
}

package dev.rankadaptor.ui.results;

import dev.rankadaptor.reference.PaperRow;
import dev.rankadaptor.reference.PaperTable;
import dev.rankadaptor.reference.PaperTables;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One comparable block of a paper table (same model, pruner and rate), the unit a user picks to
 * show beside their own run. Converts the paper's rows into {@link ResultsRow}s marked as reference.
 */
public record ReferenceBlock(String tableId, String model, String pruner, Integer ratioPercent, List<PaperRow> rows) {

    /** Every block of every table, in file order. */
    public static List<ReferenceBlock> all(PaperTables tables) {
        List<ReferenceBlock> out = new ArrayList<>();
        for (PaperTable t : tables.tables()) {
            Map<String, List<PaperRow>> groups = new LinkedHashMap<>();
            for (PaperRow r : t.rows()) {
                String key = r.pruner() + "|" + r.ratioPercent();
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
            }
            for (List<PaperRow> g : groups.values()) {
                out.add(new ReferenceBlock(t.id(), t.model(), g.get(0).pruner(), g.get(0).ratioPercent(), List.copyOf(g)));
            }
        }
        return out;
    }

    /** "Table 2 · LLaMA-7B · LLM-Pruner · 20%". */
    public String label() {
        String table = "Table " + tableId.replace("table", "");
        return table + " · " + model + " · " + Objects.requireNonNullElse(pruner, "pruner not printed")
                + " · " + (ratioPercent == null ? "rate not printed" : ratioPercent + "%");
    }

    /** The block's rows as reference rows of the results table (printed Avg kept). */
    public List<ResultsRow> toResultsRows() {
        List<ResultsRow> out = new ArrayList<>();
        String prefix = "paper T" + tableId.replace("table", "") + " ";
        for (PaperRow r : rows) {
            double[] s = r.scores().stream().mapToDouble(Double::doubleValue).toArray();
            out.add(new ResultsRow(prefix + r.method(), true, s, null, r.avg() == null ? Double.NaN : r.avg(), Double.NaN, 0));
        }
        return out;
    }

    @Override
    public String toString() {
        return label();
    }
}

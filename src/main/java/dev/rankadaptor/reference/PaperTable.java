package dev.rankadaptor.reference;

import dev.rankadaptor.common.Check;

import java.util.List;

/**
 * One published results table of the paper (e.g. Table 2, LLaMA-7B), as printed, so that the
 * report and the workbench can show the paper's numbers beside our own measurements.
 */
public record PaperTable(String id, String model, String caption, String notes, List<PaperRow> rows) {

    public PaperTable {
        Check.notNull("id", id);
        Check.notNull("model", model);
        Check.notNull("rows", rows);
        rows = List.copyOf(rows);
    }

    /** Rows of one pruner and rate, in print order (methods of one block). */
    public List<PaperRow> rowsAt(String pruner, int ratioPercent) {
        return rows.stream()
                .filter(r -> pruner.equals(r.pruner()) && r.ratioPercent() != null && r.ratioPercent() == ratioPercent)
                .toList();
    }
}

package dev.rankadaptor.ui.state;

import dev.rankadaptor.experiment.ResultsTable;
import dev.rankadaptor.search.PredictivePower;

import java.nio.file.Path;

/**
 * What the workbench shows of one run's outcome: its folder, its results table (from results.json,
 * or built from the journal while the report is missing) and the performance model's predictive
 * power (null when the run has none yet). {@link #PAPER_REFERENCE} stands for the paper-reference
 * project, which shows the paper's rows and no run of ours.
 */
public record ShownRun(Path folder, ResultsTable table, PredictivePower power) {
    /** The paper-reference project: no folder, no table of ours. */
    public static final ShownRun PAPER_REFERENCE = new ShownRun(null, null, null);

    /** True for {@link #PAPER_REFERENCE}. */
    public boolean paperReference() {
        return folder == null;
    }
}

package dev.rankadaptor.pipeline;

import dev.rankadaptor.experiment.RecoveryMethod;
import dev.rankadaptor.checkpoint.Checkpoint;
import dev.rankadaptor.common.AtomicFiles;
import dev.rankadaptor.eval.EvalReport;
import dev.rankadaptor.experiment.PredictivePowerText;
import dev.rankadaptor.search.PredictivePower;
import dev.rankadaptor.experiment.TrainableParameters;
import dev.rankadaptor.recover.LoraParameters;
import dev.rankadaptor.experiment.MethodRow;
import dev.rankadaptor.experiment.ProjectFile;
import dev.rankadaptor.experiment.ResultsExport;
import dev.rankadaptor.experiment.ResultsFile;
import dev.rankadaptor.experiment.ResultsTable;
import dev.rankadaptor.experiment.RunDirectory;
import dev.rankadaptor.experiment.JournalState;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The methods x tasks table of a run, rebuilt from the journal alone (plus the no-recovery
 * evaluation), written as results.json and as CSV, Markdown and LaTeX beside it.
 */
public final class ReportStage {
    private ReportStage() {
    }

    /** Builds the table from the run's journal; usable on unfinished runs too (rows with data only). */
    public static ResultsTable table(RunDirectory dir, ProjectFile pf) {
        JournalState state = dir.replay();
        List<String> tasks = pf.project().evaluation().tasks();
        ResultsTable table = ResultsTable.fromTrials(tasks, RepeatStage.byMethod(state));
        EvalReport none = NoRecoveryStage.read(dir);
        if (none != null) {
            Map<String, Double> scores = new LinkedHashMap<>(TrialWorkspace.taskScores(none));
            List<MethodRow> rows = new ArrayList<>();
            rows.add(MethodRow.measured(RecoveryMethod.NO_RECOVERY.id(), null, tasks, List.of(scores)));
            rows.addAll(table.rows());
            table = new ResultsTable(tasks, rows);
        }
        return withParameters(table, RepeatStage.byMethod(state), dir, pf);
    }

    /**
     * Adds each measured row's trainable LoRA parameters (its first repeat's ranks on the pruned model's
     * real widths) and their share of uniform LoRA at the base rank; left out when the pruned model is gone.
     */
    static ResultsTable withParameters(ResultsTable table, Map<String, List<dev.rankadaptor.experiment.JournalRecord.TrialFinished>> byMethod,
                                       RunDirectory dir, ProjectFile pf) {
        if (!java.nio.file.Files.isRegularFile(dir.prunedDir().resolve(Checkpoint.CONFIG_FILE))) {
            return table;
        }
        LoraParameters lp;
        try (Checkpoint ckpt = Checkpoint.open(dir.prunedDir())) {
            lp = LoraParameters.of(ckpt.config(), ckpt.layout(), ProjectMapping.targets(pf.project().recovery()));
        }
        long uniform = lp.uniform(pf.project().recovery().baseRank());
        List<MethodRow> rows = new ArrayList<>();
        for (MethodRow r : table.rows()) {
            var trials = byMethod.get(r.method());
            if (RecoveryMethod.NO_RECOVERY.id().equals(r.method())) {
                r = r.withParameters(new TrainableParameters(0, uniform));
            } else if (trials != null && !trials.isEmpty() && trials.get(0).ranks().size() == lp.layers()) {
                r = r.withParameters(new TrainableParameters(lp.count(trials.get(0).rankArray()), uniform));
            }
            rows.add(r);
        }
        return new ResultsTable(table.tasks(), rows);
    }

    public static ResultsTable write(RunDirectory dir, ProjectFile pf) {
        return export(dir, table(dir, pf));
    }

    /**
     * Writes a table (possibly with reference rows appended) as results.json, CSV, Markdown and LaTeX;
     * results.json and results.md also get the performance model's predictive power on the run's trials.
     */
    public static ResultsTable export(RunDirectory dir, ResultsTable table) {
        PredictivePower power = PredictivePowerStage.compute(dir.replay(), dir.snapshot());
        ResultsFile.write(dir.resultsFile(), table, power);
        ResultsExport.writeCsv(dir.path().resolve("results.csv"), table);
        AtomicFiles.writeString(dir.path().resolve("results.md"), ResultsExport.markdown(table)
                + (power == null ? "" : PredictivePowerText.markdown(power)));
        ResultsExport.writeLatex(dir.path().resolve("results.tex"), table);
        return table;
    }
}

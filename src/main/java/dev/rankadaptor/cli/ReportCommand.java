package dev.rankadaptor.cli;

import dev.rankadaptor.experiment.ResultsExport;
import dev.rankadaptor.experiment.ResultsTable;
import dev.rankadaptor.experiment.RunDirectory;
import dev.rankadaptor.eval.LmEvalResults;
import dev.rankadaptor.pipeline.LmEvalRows;
import dev.rankadaptor.pipeline.PaperRows;
import dev.rankadaptor.pipeline.ReportStage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Prints a run's methods x tasks table and writes CSV, Markdown and LaTeX exports. */
@Command(name = "report", description = "Print the methods x tasks table of a run and export CSV, Markdown and LaTeX.")
final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "run folder (runs/<id>)")
    Path runDir;

    @Option(names = "--paper-table", description = "append the paper's published rows: table2 (LLaMA-7B), table4, table5, table6, table9")
    String paperTable;

    @Option(names = "--paper-ratio", defaultValue = "20", description = "pruning ratio in percent of the published rows")
    int paperRatio;

    @Option(names = "--paper-pruner", description = "LLM-Pruner or Shortened (default: both)")
    String paperPruner;

    @Option(names = "--reference-lm-eval", paramLabel = "FILE", description = "add an lm-evaluation-harness results JSON as a reference row "
            + "(the metric the paper reports per task; docs/data-formats.md)")
    Path lmEvalFile;

    @Option(names = "--label", paramLabel = "NAME", description = "row label of --reference-lm-eval (default: lm-eval: <model in the file>)")
    String lmEvalLabel;

    @Override
    public Integer call() {
        try (RunDirectory dir = RunDirectory.open(runDir)) {
            ResultsTable table = ReportStage.table(dir, dir.snapshot());
            if (paperTable != null) {
                table = table.withRows(PaperRows.rows(paperTable, paperPruner, paperRatio));
            }
            if (lmEvalFile != null) {
                table = table.withRows(java.util.List.of(LmEvalRows.row(LmEvalResults.read(lmEvalFile), lmEvalLabel, table.tasks())));
            } else if (lmEvalLabel != null) {
                throw new dev.rankadaptor.common.InvalidFieldException("--label", "names the row of --reference-lm-eval, which is not given");
            }
            ReportStage.export(dir, table);
            System.out.println(ResultsExport.markdown(table));
            var power = dev.rankadaptor.experiment.ResultsFile.readPredictivePower(dir.resultsFile());
            if (power != null) {
                System.out.println(dev.rankadaptor.experiment.PredictivePowerText.markdown(power));
            }
            System.out.println("written: " + dir.resultsFile() + ", results.csv, results.md, results.tex");
        }
        return 0;
    }
}

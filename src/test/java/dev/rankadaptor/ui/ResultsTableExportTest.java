package dev.rankadaptor.ui;

import dev.rankadaptor.experiment.MethodRow;
import dev.rankadaptor.experiment.ResultsExport;
import dev.rankadaptor.experiment.ResultsTable;
import dev.rankadaptor.reference.PaperReference;
import dev.rankadaptor.ui.exec.SameThreadUiExecutor;
import dev.rankadaptor.ui.results.ResultsViewModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The Results panel exports with the run report's exporter: the shown run's table plus the reference rows shown. */
class ResultsTableExportTest {

    private static ResultsTable run() {
        List<String> tasks = List.of("boolq", "piqa");
        return new ResultsTable(tasks, List.of(
                MethodRow.measured("rankadaptor", null, tasks, List.of(Map.of("boolq", 0.70, "piqa", 0.60),
                        Map.of("boolq", 0.72, "piqa", 0.62))),
                MethodRow.measured("lora_uniform", null, tasks, List.of(Map.of("boolq", 0.60, "piqa", 0.50),
                        Map.of("boolq", 0.61, "piqa", 0.52)))));
    }

    @Test
    void theShownRunIsExportedAsTheRunReportWritesItWithTheShownPaperRows() {
        ResultsViewModel vm = new ResultsViewModel(PaperReference.bundled());
        vm.setOwnTable(run());
        ResultsTable shown = vm.exportTable();
        assertEquals(List.of("boolq", "piqa"), shown.tasks(), "the run's tasks");
        assertEquals(run().rows(), shown.measuredRows(), "our rows exactly as the run measured them");
        assertFalse(shown.referenceRows().isEmpty(), "the chosen paper block is shown, so it is exported");
        assertTrue(shown.referenceRows().stream().allMatch(r -> r.label().startsWith("paper T")), shown.referenceRows().toString());
        String md = ResultsExport.markdown(shown);
        assertTrue(md.startsWith(ResultsExport.markdown(run()).lines().limit(4).reduce("", (a, b) -> a + b + "\n")), md);
        assertTrue(md.contains("| paper T2 RankAdaptor † | – |"), md);
        assertTrue(md.contains("†: published numbers (RankAdaptor paper, Table 2"), md);

        vm.table().setShowReference(false);
        assertEquals(ResultsExport.csv(run()), ResultsExport.csv(vm.exportTable()), "hidden reference rows are not exported");
    }

    @Test
    void withoutARunThePaperRowsAreExportedInThePanelsColumns() {
        ResultsViewModel vm = new ResultsViewModel(PaperReference.bundled());
        ResultsTable shown = vm.exportTable();
        assertEquals(7, shown.tasks().size(), shown.tasks().toString());
        assertTrue(shown.tasks().contains("arc_easy"), "task ids, as in the run's files");
        assertTrue(shown.measuredRows().isEmpty());
        String tex = ResultsExport.latex(shown);
        assertTrue(tex.startsWith("\\begin{tabular}{lr" + "r".repeat(8) + "}"), tex);
        assertTrue(tex.contains("paper T2 RankAdaptor$^\\dagger$ & -- & 67.34"), tex);
    }

    @Test
    void exportWritesTheFileThroughTheExecutor(@TempDir Path dir) throws Exception {
        ResultsViewModel vm = new ResultsViewModel(PaperReference.bundled());
        vm.setOwnTable(run());
        SameThreadUiExecutor ex = new SameThreadUiExecutor();
        Path file = dir.resolve("t.csv");
        vm.export(file, ResultsViewModel.ExportFormat.CSV, ex);
        assertEquals(1, ex.submittedCount());
        String text = Files.readString(file);
        assertEquals(ResultsExport.csv(vm.exportTable()), text);
        assertTrue(text.startsWith("method,label,reference,n,boolq_mean,boolq_std,piqa_mean,piqa_std,average_mean,average_std\n"
                + "rankadaptor,RankAdaptor (best trial),false,2,71.00,1.41,61.00,1.41,"), text);
        assertTrue(vm.exportStatusProperty().get().startsWith("wrote "));
    }
}

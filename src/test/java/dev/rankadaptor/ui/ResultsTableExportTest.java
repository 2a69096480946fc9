package dev.rankadaptor.ui;

import dev.rankadaptor.ui.results.ResultsRow;
import dev.rankadaptor.ui.results.ResultsTableExport;
import dev.rankadaptor.ui.results.ResultsTableModel;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Exports reproduce the visible table with its marks. */
class ResultsTableExportTest {

    private static ResultsTableModel model() {
        ResultsTableModel m = new ResultsTableModel(List.of("BoolQ", "PIQA"));
        m.setRows(List.of(
                new ResultsRow("RankAdaptor", false, new double[] {67.34, 77.0}, new double[] {0.5, 0.2}, Double.NaN, Double.NaN, 2),
                ResultsRow.of("paper T2 LoRA, 20%", true, 63.30, 76.82)));
        return m;
    }

    @Test
    void csvHasOneLinePerVisibleRowAndQuotesCommas() {
        ResultsTableModel m = model();
        String csv = ResultsTableExport.csv(m);
        assertEquals("method,reference,BoolQ,PIQA,Avg\nRankAdaptor,false,67.34,77.00,72.17\n\"paper T2 LoRA, 20%\",true,63.30,76.82,70.06\n", csv);
        m.setShowReference(false);
        assertEquals(2, ResultsTableExport.csv(m).split("\n").length);
    }

    @Test
    void markdownAndLatexMarkTheBest() {
        String md = ResultsTableExport.markdown(model());
        assertTrue(md.startsWith("| Method | BoolQ | PIQA | Avg |\n|---|---:|---:|---:|\n"), md);
        assertTrue(md.contains("| RankAdaptor | **67.34 ± 0.50** | **77.00 ± 0.20** | **72.17** |"), md);
        String tex = ResultsTableExport.latex(model());
        // the paper's row is ranked among the paper's rows only (here alone, so best there)
        assertTrue(tex.contains("paper T2 LoRA, 20\\% & \\textbf{63.30} & \\textbf{76.82} & \\textbf{70.06} \\\\"), tex);
        assertTrue(tex.contains("\\textbf{67.34 ± 0.50}"), tex);
        assertTrue(tex.startsWith("\\begin{tabular}{lrrr}"));
    }

    @Test
    void exportWritesTheFileThroughTheExecutor(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        dev.rankadaptor.ui.results.ResultsViewModel vm = new dev.rankadaptor.ui.results.ResultsViewModel(
                dev.rankadaptor.reference.PaperReference.bundled());
        dev.rankadaptor.ui.exec.SameThreadUiExecutor ex = new dev.rankadaptor.ui.exec.SameThreadUiExecutor();
        java.nio.file.Path file = dir.resolve("t.md");
        vm.export(file, dev.rankadaptor.ui.results.ResultsViewModel.ExportFormat.MARKDOWN, ex);
        assertEquals(1, ex.submittedCount());
        String text = java.nio.file.Files.readString(file);
        assertTrue(text.contains("| paper T2 RankAdaptor | **67.34** |"), text);
        assertTrue(vm.exportStatusProperty().get().startsWith("wrote "));
    }
}

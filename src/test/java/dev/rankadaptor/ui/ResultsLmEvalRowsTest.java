package dev.rankadaptor.ui;

import dev.rankadaptor.reference.PaperReference;
import dev.rankadaptor.ui.exec.SameThreadUiExecutor;
import dev.rankadaptor.ui.results.ResultsRow;
import dev.rankadaptor.ui.results.ResultsTableModel;
import dev.rankadaptor.ui.results.ResultsViewModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Results panel's "Add lm-eval results JSON…": a reference row beside the paper's, ranked apart from ours. */
class ResultsLmEvalRowsTest {
    private final SameThreadUiExecutor executor = new SameThreadUiExecutor();
    private final ResultsViewModel vm = new ResultsViewModel(PaperReference.bundled());

    @Test
    void lmEvalFileAddsAReferenceRowInPercentWithTheReportedMetrics() {
        ResultsTableModel t = vm.table();
        double[] ours = new double[t.tasks().size()];
        java.util.Arrays.fill(ours, 90.0);
        vm.setOwnRows(List.of(ResultsRow.of("RankAdaptor", false, ours)));
        int before = t.rows().size();
        vm.addLmEvalResults(Path.of("src/test/resources/datafmt/lm-eval/results_v0.4.json"), null, executor);
        assertEquals(before + 1, t.rows().size());
        ResultsRow row = t.rows().get(t.rows().size() - 1);
        assertEquals("lm-eval: huggyllama/llama-7b", row.label());
        assertTrue(row.reference());
        assertEquals(76.19000199163514, row.value(t.tasks().indexOf("HellaSwag")), 1e-9); // acc_norm
        assertEquals(75.25252525252525, row.value(t.tasks().indexOf("ARC-e")), 1e-9); // acc
        assertEquals("added lm-eval: huggyllama/llama-7b", vm.lmEvalStatusProperty().get());
        // ours stays best among our rows; the lm-eval row competes only with the paper's
        int own = t.visibleRows().indexOf(t.rows().get(0));
        assertEquals(own, t.bestRow(0, false));
        assertTrue(t.bestRow(0, true) != own);

        vm.addLmEvalResults(Path.of("src/test/resources/datafmt/lm-eval/results_v0.3.json"), "v0.3 run", executor);
        assertEquals(before + 2, t.rows().size());
        assertEquals("v0.3 run", t.rows().get(t.rows().size() - 1).label());
        vm.clearLmEvalResults();
        assertEquals(before, t.rows().size());
    }

    @Test
    void badFileLeavesTheTableAndSaysWhy(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("results.json");
        Files.writeString(f, "{\"results\": {}}");
        int before = vm.table().rows().size();
        vm.addLmEvalResults(f, null, executor);
        assertEquals(before, vm.table().rows().size());
        String status = vm.lmEvalStatusProperty().get();
        assertTrue(status.startsWith("lm-eval results not added: " + f + ": 'results' has none of the tasks"), status);
        assertFalse(status.contains("Exception"), status);
    }
}

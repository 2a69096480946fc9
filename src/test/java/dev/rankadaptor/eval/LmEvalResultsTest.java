package dev.rankadaptor.eval;

import dev.rankadaptor.common.UserInputException;
import dev.rankadaptor.experiment.MethodRow;
import dev.rankadaptor.experiment.ResultsExport;
import dev.rankadaptor.experiment.ResultsTable;
import dev.rankadaptor.pipeline.LmEvalRows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** lm-evaluation-harness results files of both key styles become the same reference row; bad files are named errors. */
class LmEvalResultsTest {
    @TempDir
    Path dir;

    private static final Path NEW = TaskFormatsTest.res("lm-eval/results_v0.4.json");
    private static final Path OLD = TaskFormatsTest.res("lm-eval/results_v0.3.json");

    @Test
    void bothKeyStylesGiveTheReportedMetricOfEveryTask() {
        LmEvalResults now = LmEvalResults.read(NEW);
        LmEvalResults before = LmEvalResults.read(OLD);
        assertEquals("huggyllama/llama-7b", now.model());
        assertEquals("huggyllama/llama-7b", before.model());
        assertEquals(List.of("lambada_openai"), now.otherTasks());
        assertEquals(7, now.scores().size());
        for (TaskKind k : TaskKind.values()) {
            assertEquals(k.reportedMetric(), now.reported(k).metric());
            assertEquals(now.reported(k).value(), before.reported(k).value(), 0.0, k.id());
        }
        // acc for BoolQ, PIQA, WinoGrande, ARC-e; acc_norm for HellaSwag, ARC-c, OBQA (as the paper's tables)
        assertEquals(0.7525252525252525, now.reported(TaskKind.ARC_EASY).value());
        assertEquals(0.4462457337883959, now.reported(TaskKind.ARC_CHALLENGE).value());
        assertEquals(0.7619000199163514, now.reported(TaskKind.HELLASWAG).value());
        assertEquals(0.7867247007616975, now.reported(TaskKind.PIQA).value());
        assertEquals(0.004250501643743765, now.reported(TaskKind.HELLASWAG).stderr());
        assertNull(now.reported(TaskKind.OPENBOOKQA).stderr(), "\"N/A\" stderr");
        assertEquals(0.0222, before.reported(TaskKind.OPENBOOKQA).stderr());
    }

    @Test
    void referenceRowSitsBesideOursAndIsNeverBest() {
        List<String> tasks = List.of("boolq", "arc_easy", "arc_challenge");
        ResultsTable ours = new ResultsTable(tasks, List.of(MethodRow.measured("rankadaptor", null, tasks,
                List.of(Map.of("boolq", 0.6, "arc_easy", 0.5, "arc_challenge", 0.3)))));
        MethodRow row = LmEvalRows.row(LmEvalResults.read(NEW), null, tasks);
        assertTrue(row.reference());
        assertEquals("lm-eval: huggyllama/llama-7b", row.label());
        assertEquals(0.7507645259938838, row.cell("boolq").mean());
        assertEquals((0.7507645259938838 + 0.7525252525252525 + 0.4462457337883959) / 3, row.average().mean(), 1e-12);
        ResultsTable table = ours.withRows(List.of(row, LmEvalRows.row(LmEvalResults.read(OLD), "harness v0.3", tasks)));
        assertEquals(List.of("rankadaptor"), table.best("boolq"));
        assertEquals(2, table.referenceRows().size());
        String md = ResultsExport.markdown(table);
        assertTrue(md.contains("lm-eval: huggyllama/llama-7b") && md.contains("harness v0.3"), md);
        assertTrue(md.contains("| lm-eval: huggyllama/llama-7b † | – | 75.08 | 75.25 | 44.62 | 64.98 |"), md);
    }

    @Test
    void badFilesAreNamedErrors() throws IOException {
        Path f = dir.resolve("results.json");
        Files.writeString(f, "{\"results\": {\"boolq\": {\"acc,none\": 75.07}}}");
        assertEquals(f + ": field 'results.boolq.acc,none' is 75.07 (expected a fraction in [0, 1], as the harness writes)",
                assertThrows(UserInputException.class, () -> LmEvalResults.read(f)).getMessage());
        Files.writeString(f, "{\"results\": {\"hellaswag\": {\"acc,none\": 0.5}}}");
        assertTrue(assertThrows(UserInputException.class, () -> LmEvalResults.read(f)).getMessage()
                .startsWith(f + ": field 'results.hellaswag' has no acc_norm"));
        Files.writeString(f, "{\"results\": {\"piqa\": {\"acc\": \"high\"}}}");
        assertEquals(f + ": field 'results.piqa.acc' is \"high\" (expected a number in [0, 1])",
                assertThrows(UserInputException.class, () -> LmEvalResults.read(f)).getMessage());
        Files.writeString(f, "{\"results\": {\"mmlu\": {\"acc,none\": 0.3}}}");
        assertEquals(f + ": 'results' has none of the tasks boolq, piqa, hellaswag, winogrande, arc_easy, arc_challenge, "
                + "openbookqa (found: mmlu)", assertThrows(UserInputException.class, () -> LmEvalResults.read(f)).getMessage());
        Files.writeString(f, "{\"model\": \"x\"}");
        assertTrue(assertThrows(UserInputException.class, () -> LmEvalResults.read(f)).getMessage()
                .startsWith(f + ": field 'results' missing"));
        Files.writeString(f, "{\"results\": ");
        assertTrue(assertThrows(UserInputException.class, () -> LmEvalResults.read(f)).getMessage()
                .startsWith(f + ": not valid JSON"));
        Path none = dir.resolve("none.json");
        assertEquals(none + ": file not found (expected an lm-evaluation-harness results JSON)",
                assertThrows(UserInputException.class, () -> LmEvalResults.read(none)).getMessage());
        assertTrue(assertThrows(UserInputException.class, () -> LmEvalRows.row(LmEvalResults.read(NEW), null, List.of("boolq_x")))
                .getMessage().contains("boolq_x"));
    }
}

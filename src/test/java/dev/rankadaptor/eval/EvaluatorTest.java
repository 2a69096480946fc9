package dev.rankadaptor.eval;

import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.common.CancelledException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvaluatorTest {
    private final FirstSightWordTokenizer tok = new FirstSightWordTokenizer();
    private final BigramScorer model = new BigramScorer(tok);
    private final Evaluator evaluator = new Evaluator(model, new PairEncoder(tok, PairEncoding.SEPARATE, 2));

    /**
     * Four PIQA items after "\nAnswer:": " good" scores -0.1, " bad" -1.0, " longgoodanswer" -1.5
     * (14 chars, -0.107/char), " x" -1.2 (1 char). Items 1-3: acc right; item 4: acc wrong,
     * acc_norm right; item 1-3 acc_norm as acc.
     */
    private TaskData piqa() {
        model.set("\nAnswer:", " good", -0.1).set("\nAnswer:", " bad", -1.0)
                .set("\nAnswer:", " longgoodanswer", -1.5).set("\nAnswer:", " x", -1.2);
        List<DataRow> rows = List.of(
                TaskDefinitionsTest.row("{'goal':'g1','sol1':'good','sol2':'bad','label':0}"),
                TaskDefinitionsTest.row("{'goal':'g2','sol1':'bad','sol2':'good','label':1}"),
                TaskDefinitionsTest.row("{'goal':'g3','sol1':'good','sol2':'bad','label':0}"),
                TaskDefinitionsTest.row("{'goal':'g4','sol1':'longgoodanswer','sol2':'x','label':0}"));
        return TaskData.fromRows(TaskKind.PIQA, "piqa.jsonl", rows);
    }

    @Test
    void taskResultHasAccAccNormStderrAndTheReportedMetric() {
        TaskResult r = evaluator.evaluate(piqa(), Subset.all(), EvalListener.NONE, CancellationToken.none());
        assertEquals(4, r.n());
        assertEquals(0.75, r.value(Metric.ACC), 1e-15);
        assertEquals(1.0, r.value(Metric.ACC_NORM), 1e-15);
        assertEquals(0.25, r.metrics().get(0).stderr(), 1e-15);
        assertEquals(0.0, r.metrics().get(1).stderr(), 0.0);
        assertEquals(Metric.ACC, r.reported().metric());
        assertEquals(0.75, r.reported().value(), 1e-15);
    }

    @Test
    void subsetLimitsTheItemsAndKeepsTheAvailableCount() {
        TaskResult r = evaluator.evaluate(piqa(), Subset.first(1), EvalListener.NONE, CancellationToken.none());
        assertEquals(1, r.n());
        assertEquals(4, r.available());
        assertNull(r.reported().stderr());
    }

    @Test
    void listenerSeesEveryItemAndTheResult() {
        List<String> events = new ArrayList<>();
        evaluator.evaluate(piqa(), Subset.all(), new EvalListener() {
            @Override
            public void taskStarted(TaskKind task, int total) {
                events.add("start " + task.id() + " " + total);
            }

            @Override
            public void itemsDone(TaskKind task, int done, int total) {
                events.add(done + "/" + total);
            }

            @Override
            public void taskFinished(TaskResult result) {
                events.add("done " + result.n());
            }
        }, CancellationToken.none());
        assertEquals(List.of("start piqa 4", "1/4", "2/4", "3/4", "4/4", "done 4"), events);
    }

    @Test
    void cancellationStopsBeforeTheNextItem() {
        CancellationToken token = CancellationToken.create();
        TaskData data = piqa();
        assertThrows(CancelledException.class, () -> evaluator.evaluate(data, Subset.all(), new EvalListener() {
            @Override
            public void itemsDone(TaskKind task, int done, int total) {
                if (done == 2) {
                    token.cancel();
                }
            }
        }, token));
        assertEquals(2, model.sharedCalls);
    }

    @Test
    void reportAveragesReportedMetricsAndRoundTripsThroughJson(@TempDir Path dir) {
        TaskData wino = TaskData.fromRows(TaskKind.WINOGRANDE, "w", List.of(TaskDefinitionsTest.row(
                "{'sentence':'A _ b.','option1':'x','option2':'y','answer':'2'}"), TaskDefinitionsTest.row(
                "{'sentence':'A _ b.','option1':'x','option2':'y','answer':'1'}")));
        model.set(" x", " b.", -0.5).set(" y", " b.", -3.0);
        EvalReport report = evaluator.evaluateAll(List.of(piqa(), wino), Subset.random(10, 3), EvalListener.NONE, CancellationToken.none());
        assertEquals(0.5, report.result(TaskKind.WINOGRANDE).reported().value(), 1e-15);
        assertEquals((0.75 + 0.5) / 2, report.average(), 1e-15);
        assertEquals(PairEncoding.SEPARATE, report.pairEncoding());

        Path file = dir.resolve("results.json");
        report.write(file);
        EvalReport back = EvalReport.read(file);
        assertEquals(report, back);
        assertTrue(report.toJson().contains("\"reported\""));
    }

    @Test
    void tablesShowEveryMetricAndThePaperRow() {
        EvalReport report = evaluator.evaluateAll(List.of(piqa()), Subset.all(), EvalListener.NONE, CancellationToken.none());
        String md = EvalTableFormatter.markdown(report);
        assertTrue(md.startsWith("| Task "), md);
        assertTrue(md.contains("| PIQA    | acc      | 75.00     | 25.00      | 4 | *        |"), md);
        assertTrue(md.contains("| PIQA    | acc_norm | 100.00    | 0.00       | 4 |          |"), md);
        String paper = EvalTableFormatter.paperRowPlainText("LoRA r8", report);
        assertEquals("Method   PIQA   Average\n-------  -----  -------\nLoRA r8  75.00  75.00\n", paper);
    }
}

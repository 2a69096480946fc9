package dev.rankadaptor.eval;

import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.common.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaskFolderAndBenchmarkTest {
    @TempDir
    Path dir;

    @Test
    void loadsCanonicalJsonlOrJsonNamesAndReportsMissingOnes() throws IOException {
        Files.writeString(dir.resolve("piqa.jsonl"), "{\"goal\":\"g\",\"sol1\":\"a\",\"sol2\":\"b\",\"label\":1}\n");
        Files.writeString(dir.resolve("boolq.json"), "[{\"passage\":\"p\",\"question\":\"q\",\"label\":0}]");
        List<TaskData> data = TaskFolder.loadAll(dir, List.of(TaskKind.PIQA, TaskKind.BOOLQ));
        assertEquals(TaskKind.PIQA, data.get(0).kind());
        assertEquals(1, data.get(1).items().get(0).gold());
        UserInputException e = assertThrows(UserInputException.class, () -> TaskFolder.loadAll(dir, List.of(TaskKind.ARC_EASY)));
        assertEquals(dir + ": no data for ARC-e (expected arc_easy.jsonl or arc_easy.json / .parquet / .arrow, or a dataset "
                + "folder named one of " + DatasetFolder.folderNames(TaskKind.ARC_EASY) + ")", e.getMessage());
    }

    @Test
    void benchmarkComparesBothModesOnTheSameItems() {
        FirstSightWordTokenizer tok = new FirstSightWordTokenizer();
        BigramScorer model = new BigramScorer(tok).set("Q:", " a", -0.5).set("Q:", " b", -0.7);
        List<EvalItem> items = List.of(McItem.ofChoices("Q:", List.of("a", "b", "c", "d"), 0),
                McItem.ofChoices("Q:", List.of("b", "a", "c d", "e"), 1));
        ScoringModeComparison c = ScoringModeBenchmark.run(model, new PairEncoder(tok, PairEncoding.JOINT, 1), items,
                CancellationToken.none());
        assertEquals(2, c.items());
        assertEquals(8, c.choices());
        assertEquals(0.0, c.maxAbsLogLikDiff(), 0.0);
        assertTrue(c.samePredictions());
        assertEquals(2 + 2, model.sharedCalls, "warm-up + measured shared calls");
        assertTrue(c.describe().contains("8 choices"), c.describe());
    }
}

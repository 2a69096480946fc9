package dev.rankadaptor.eval;

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

class TaskDataReaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    @Test
    void jsonLinesKeepLineNumbersAndSkipBlankLines() throws IOException {
        Path f = write("piqa.jsonl", """
                {"goal":"g1","sol1":"a","sol2":"b","label":0}

                {"goal":"g2","sol1":"a","sol2":"b","label":1}
                """);
        List<DataRow> rows = TaskDataReader.read(f);
        assertEquals(2, rows.size());
        assertEquals(3, rows.get(1).line());
        TaskData data = TaskData.load(TaskKind.PIQA, f);
        assertEquals(2, data.size());
        assertEquals(1, data.items().get(1).gold());
    }

    @Test
    void missingFieldInJsonLinesNamesFileLineAndField() throws IOException {
        Path f = write("piqa.jsonl", """
                {"goal":"g1","sol1":"a","sol2":"b","label":0}
                {"sol1":"a","sol2":"b","label":1}
                """);
        UserInputException e = assertThrows(UserInputException.class, () -> TaskData.load(TaskKind.PIQA, f));
        assertEquals(f + ":2: field 'goal' missing (expected string)", e.getMessage());
    }

    @Test
    void boolqRowWithoutLabelOrAnswerNamesFileLineAndField() throws IOException {
        Path f = write("boolq.jsonl", "{\"passage\":\"p\",\"question\":\"q\"}\n");
        UserInputException e = assertThrows(UserInputException.class, () -> TaskData.load(TaskKind.BOOLQ, f));
        assertTrue(e.getMessage().startsWith(f + ":1: field 'label' missing"), e.getMessage());
    }

    @Test
    void wrongTypeNamesFileLineAndField() throws IOException {
        Path f = write("boolq.jsonl", "{\"passage\":\"p\",\"question\":\"q\",\"label\":\"yes\"}\n");
        UserInputException e = assertThrows(UserInputException.class, () -> TaskData.load(TaskKind.BOOLQ, f));
        assertTrue(e.getMessage().startsWith(f + ":1: field 'label' has the wrong type: string \"yes\" (expected integer 0..1"),
                e.getMessage());
    }

    @Test
    void labelOutOfRangeIsReported() throws IOException {
        Path f = write("hellaswag.jsonl", "{\"activity_label\":\"a\",\"ctx_a\":\"b\",\"ctx_b\":\"c\",\"endings\":[\"1\",\"2\",\"3\",\"4\"],\"label\":\"4\"}\n");
        UserInputException e = assertThrows(UserInputException.class, () -> TaskData.load(TaskKind.HELLASWAG, f));
        assertTrue(e.getMessage().startsWith(f + ":1: field 'label' is 4 (expected integer 0..3"), e.getMessage());
    }

    @Test
    void nestedFieldIsNamedWithItsPath() throws IOException {
        Path f = write("arc_easy.jsonl", "{\"id\":\"x\",\"question\":\"q\",\"choices\":{\"label\":[\"A\"]},\"answerKey\":\"A\"}\n");
        UserInputException e = assertThrows(UserInputException.class, () -> TaskData.load(TaskKind.ARC_EASY, f));
        assertEquals(f + ":1: field 'choices.text' missing (expected array of at least 2 strings)", e.getMessage());
    }

    @Test
    void jsonArrayRowsCarryTheLineWhereTheyStart() throws IOException {
        Path f = write("winogrande.json", """
                [
                  {
                    "sentence": "A _ b", "option1": "x", "option2": "y", "answer": "1"
                  },
                  {
                    "sentence": "A _ b", "option1": "x",
                    "answer": "2"
                  }
                ]
                """);
        List<DataRow> rows = TaskDataReader.read(f);
        assertEquals(2, rows.get(0).line());
        assertEquals(5, rows.get(1).line());
        UserInputException e = assertThrows(UserInputException.class, () -> TaskData.load(TaskKind.WINOGRANDE, f));
        assertEquals(f + ":5: field 'option2' missing (expected string)", e.getMessage());
    }

    @Test
    void malformedJsonLineIsReportedWithItsLine() throws IOException {
        Path f = write("piqa.jsonl", "{\"goal\":\"g1\",\"sol1\":\"a\",\"sol2\":\"b\",\"label\":0}\n{\"goal\": oops}\n");
        UserInputException e = assertThrows(UserInputException.class, () -> TaskDataReader.read(f));
        assertTrue(e.getMessage().startsWith(f + ":2: not valid JSON"), e.getMessage());
    }

    @Test
    void rowThatIsNotAnObjectIsRejected() throws IOException {
        Path f = write("piqa.json", "[1]");
        UserInputException e = assertThrows(UserInputException.class, () -> TaskDataReader.read(f));
        assertTrue(e.getMessage().startsWith(f + ":1: row is not a JSON object"), e.getMessage());
    }

    @Test
    void parquetAndMissingAndEmptyFilesAreUserErrors() throws IOException {
        Path pq = write("boolq.parquet", "PAR1");
        assertTrue(assertThrows(UserInputException.class, () -> TaskDataReader.read(pq)).getMessage().contains("Parquet"));
        Path missing = dir.resolve("nope.jsonl");
        assertEquals(missing + ": file not found (expected a JSONL or JSON task data file)",
                assertThrows(UserInputException.class, () -> TaskDataReader.read(missing)).getMessage());
        Path empty = write("empty.jsonl", "\n\n");
        assertEquals(empty + ": no rows (expected at least one piqa row)",
                assertThrows(UserInputException.class, () -> TaskData.load(TaskKind.PIQA, empty)).getMessage());
    }
}

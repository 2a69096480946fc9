package dev.rankadaptor.recover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rankadaptor.common.UserInputException;
import dev.rankadaptor.eval.TableFixtures;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Alpaca rows read the same from JSON, JSON Lines, Parquet and Arrow IPC; the container comes from the content. */
class AlpacaFormatsTest {
    private static final Path RES = Path.of("src/test/resources/datafmt/alpaca").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void everyContainerGivesTheSameInstructionRows() throws Exception {
        List<InstructionRecord> expected = AlpacaReader.read(RES.resolve("alpaca_data.json"));
        assertEquals(3, expected.size());
        assertEquals(new InstructionRecord("Translate to French.", "cat", "chat"), expected.get(1));
        assertEquals(expected, AlpacaReader.read(RES.resolve("alpaca_data.jsonl")));
        List<JsonNode> rows = TableFixtures.jsonLines(RES.resolve("alpaca_data.jsonl"));
        Path pq = dir.resolve("train-00000-of-00001.parquet");
        TableFixtures.parquet(pq, rows, CompressionCodecName.SNAPPY, false);
        assertEquals(expected, AlpacaReader.read(pq));
        Path arrow = dir.resolve("alpaca-cleaned-train.arrow");
        TableFixtures.arrowStream(arrow, rows);
        assertEquals(expected, AlpacaReader.read(arrow));
        // RecoveryData goes by content: a Parquet file without a telling name is rows, not text
        Path neutral = dir.resolve("recovery.data");
        Files.copy(pq, neutral);
        RecoveryData rd = RecoveryData.read(neutral);
        assertTrue(rd.isInstructions());
        assertEquals(expected, rd.instructions());
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "{\"looks\": \"like json\"}\n");
        assertTrue(!RecoveryData.read(text).isInstructions());
    }

    @Test
    void parquetRowWithoutOutputNamesFileRowAndField() throws Exception {
        List<JsonNode> rows = TableFixtures.jsonLines(RES.resolve("alpaca_data.jsonl"));
        rows.forEach(r -> ((ObjectNode) r).remove("output"));
        Path pq = dir.resolve("a.parquet");
        TableFixtures.parquet(pq, rows, CompressionCodecName.SNAPPY, false);
        UserInputException e = assertThrows(UserInputException.class, () -> AlpacaReader.read(pq));
        assertEquals("recovery data " + pq + " row 1: missing field \"output\" (expected instruction, input, output)", e.getMessage());
        Path arrow = dir.resolve("a.arrow");
        List<JsonNode> typed = TableFixtures.jsonLines(RES.resolve("alpaca_data.jsonl"));
        typed.forEach(r -> ((ObjectNode) r).put("instruction", 1L));
        TableFixtures.arrowStream(arrow, typed);
        e = assertThrows(UserInputException.class, () -> AlpacaReader.read(arrow));
        assertEquals("recovery data " + arrow + " row 1: field \"instruction\" must be a string, was number", e.getMessage());
    }
}

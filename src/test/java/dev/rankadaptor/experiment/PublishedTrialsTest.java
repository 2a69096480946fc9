package dev.rankadaptor.experiment;

import dev.rankadaptor.common.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PublishedTrialsTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void jsonJsonLinesAndCsvReadTheSameRecords() throws Exception {
        Path json = write("bank.json", """
                [
                  {"group": "llama-7b/0.20", "ranks": [8, 4, 12], "scores": {"boolq": 0.63, "ARC-e": 0.5}},
                  {"group": "llama-7b/0.20", "ranks": [2, 4, 6], "scores": {"boolq": 0.61, "arc_easy": 0.52}}
                ]
                """);
        Path jsonl = write("bank.jsonl", """
                {"group": "llama-7b/0.20", "ranks": [8, 4, 12], "scores": {"boolq": 0.63, "ARC-e": 0.5}}
                {"group": "llama-7b/0.20", "ranks": [2, 4, 6], "scores": {"boolq": 0.61, "arc_easy": 0.52}}
                """);
        Path csv = write("bank.csv", """
                group,rank_0,rank_1,rank_2,boolq,arc_easy
                llama-7b/0.20,8,4,12,0.63,0.5
                llama-7b/0.20,2,4,6,0.61,0.52
                """);
        for (Path p : List.of(json, jsonl, csv)) {
            assertTrue(PublishedTrials.isPublished(p), p.toString());
            List<PublishedTrials.Entry> e = PublishedTrials.read(p);
            assertEquals(2, e.size(), p.toString());
            assertEquals("llama-7b/0.20", e.get(0).group());
            assertArrayEquals(new int[]{2, 4, 6}, e.get(1).ranks());
            assertEquals(0.52, e.get(1).scores().get("arc_easy"));
            assertEquals(0.565, e.get(0).mean(List.of("boolq", "arc_easy")), 1e-12);
        }
        assertEquals(3, PublishedTrials.read(jsonl).get(1).line() + 1);
        assertEquals(3, PublishedTrials.read(json).get(1).line());
        assertEquals(3, PublishedTrials.read(csv).get(1).line());
    }

    @Test
    void errorsNameFileLineAndField() throws Exception {
        Path a = write("a.jsonl", """
                {"group": "g", "ranks": [8, 4], "scores": {"boolq": 0.6}}
                {"group": "g", "ranks": [8, "x"], "scores": {"boolq": 0.6}}
                """);
        assertEquals(a + ":2: ranks[1]: expected a whole number in [1, 4096], was \"x\"",
                assertThrows(UserInputException.class, () -> PublishedTrials.read(a)).getMessage());
        Path b = write("b.jsonl", "{\"group\": \"g\", \"ranks\": [8], \"scores\": {\"boolq\": 63.2}}\n");
        assertTrue(assertThrows(UserInputException.class, () -> PublishedTrials.read(b)).getMessage()
                .startsWith(b + ":1: scores.boolq: expected a fraction in [0, 1]"));
        Path c = write("c.csv", "group,rank_0,rank_2,boolq\ng,8,8,0.5\n");
        assertTrue(assertThrows(UserInputException.class, () -> PublishedTrials.read(c)).getMessage()
                .startsWith(c + ":1: rank_0..rank_{L-1}"));
        Path d = write("d.csv", "group,rank_0,boolq\ng,8,yes\n");
        assertEquals(d + ":2: boolq: expected a number, was 'yes'",
                assertThrows(UserInputException.class, () -> PublishedTrials.read(d)).getMessage());
        Path e = write("e.json", "[{\"group\": \"g\", \"ranks\": [8], \"scores\": {\"foo\": 0.5}}]");
        assertTrue(assertThrows(UserInputException.class, () -> PublishedTrials.read(e)).getMessage()
                .startsWith(e + ":1: scores.foo: unknown task 'foo'"));
        Path f = write("f.jsonl", """
                {"group": "g", "ranks": [8, 4], "scores": {"boolq": 0.6}}
                {"group": "g", "ranks": [8, 4, 2], "scores": {"boolq": 0.6}}
                """);
        assertTrue(assertThrows(UserInputException.class, () -> PublishedTrials.read(f)).getMessage()
                .startsWith(f + ":2: ranks: group 'g' has 2 layers (line 1)"));
        Path g = write("g.jsonl", "{\"ranks\": [8], \"scores\": {\"boolq\": 0.5}}\n");
        assertTrue(assertThrows(UserInputException.class, () -> PublishedTrials.read(g)).getMessage()
                .startsWith(g + ":1: group: expected a non-empty string"));
    }

    @Test
    void aJournalIsNotMistakenForPublishedRecords() throws Exception {
        Path j = write("other.jsonl", "{\"type\":\"note\",\"time\":\"2026-01-01T00:00:00Z\",\"text\":\"x\",\"trial\":null}\n");
        assertFalse(PublishedTrials.isPublished(j));
        assertFalse(PublishedTrials.isPublished(dir));
    }

    @Test
    void theBundledPaperBankIsValid() {
        Path bank = Path.of("sample-projects/trial-banks/paper-llama7b.jsonl");
        List<PublishedTrials.Entry> e = PublishedTrials.read(bank);
        assertEquals(52, e.size());
        assertTrue(e.stream().allMatch(x -> x.ranks().length == 32));
    }
}

package dev.rankadaptor.reference;

import dev.rankadaptor.common.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Checks the transcription against cells picked by hand from the paper, and the loader's refusals. */
class PaperReferenceTest {
    private static final Path SAMPLE = Path.of("sample-projects", "paper-reference");

    private static PaperRow row(PaperReference ref, String table, String pruner, int rate, String method) {
        return ref.tables().table(table).orElseThrow().rowsAt(pruner, rate).stream()
                .filter(r -> r.method().equals(method)).findFirst().orElseThrow();
    }

    @Test
    void handPickedCellsMatchThePaper() {
        PaperReference ref = PaperReference.load(SAMPLE);
        assertEquals(List.of("BoolQ", "PIQA", "HellaSwag", "WinoGrande", "ARC-e", "ARC-c", "OBQA"), ref.tables().tasks());
        // Table 2, LLM-Pruner 25%, RankAdaptor: BoolQ 67.43, Avg 59.09
        PaperRow t2 = row(ref, "table2", "LLM-Pruner", 25, "RankAdaptor");
        assertEquals(67.43, t2.scores().get(0));
        assertEquals(59.09, t2.avg());
        // Table 2, Shortened 50%, LoRA: ARC-c 30.07
        assertEquals(30.07, row(ref, "table2", "Shortened LLaMA (Taylor+)", 50, "LoRA").scores().get(5));
        // Table 4 (LLaMA3-8B), RankAdaptor: ARC-e 73.82, Avg 65.93
        PaperRow t4 = row(ref, "table4", "LLM-Pruner", 20, "RankAdaptor");
        assertEquals(73.82, t4.scores().get(4));
        assertEquals(65.93, t4.avg());
        // Table 5 (Vicuna-7B): LLM-Pruner 30% LoRA PIQA 74.37; Shortened 20% RankAdaptor WinoG 65.37
        assertEquals(74.37, row(ref, "table5", "LLM-Pruner", 30, "LoRA").scores().get(1));
        assertEquals(65.37, row(ref, "table5", "Shortened LLaMA (Taylor+)", 20, "RankAdaptor").scores().get(3));
        // Table 6 (LLaMA-13B): first block unlabeled, second block "Rate = 50%"
        PaperTable t6 = ref.tables().table("table6").orElseThrow();
        assertNull(t6.rows().get(0).ratioPercent());
        assertEquals(59.63, t6.rows().get(0).scores().get(0));
        assertEquals(50, t6.rows().get(5).ratioPercent());
        assertEquals(75.92, t6.rows().get(5).scores().get(0));
        // Table 9 (no recovery), Shortened 30%: HellaSwag 59.84, Avg 54.49
        PaperRow t9 = row(ref, "table9", "Shortened LLaMA (Taylor+)", 30, "w/o tuning");
        assertEquals(59.84, t9.scores().get(2));
        assertEquals(54.49, t9.avg());
        assertEquals(List.of(24, 2, 24, 6, 8), ref.tables().tables().stream().map(t -> t.rows().size()).toList());
    }

    @Test
    void printedAveragesAgreeWithTheTaskScores() {
        for (PaperTable t : PaperReference.load(SAMPLE).tables().tables()) {
            for (PaperRow r : t.rows()) {
                assertEquals(r.avg(), r.meanOfScores(), 0.011, t.id() + " " + r.label());
            }
        }
    }

    @Test
    void exactlyTheTwoMisprintedTable10RowsAreFlagged() {
        RankConfigTable t10 = PaperReference.load(SAMPLE).rankConfigs();
        assertEquals(28, t10.rows().size());
        assertEquals(List.of("25% Wino", "25% OBQA"), t10.malformedRows().stream().map(RankConfigRow::label).toList());
        RankConfigRow wino = t10.malformedRows().get(0);
        assertEquals(31, wino.ranks().size());
        assertEquals(List.of("31 entries, expected 32"), wino.problems(32, t10.candidateRanks()));
        RankConfigRow obqa = t10.malformedRows().get(1);
        assertEquals(1, obqa.ranks().get(9));
        assertTrue(obqa.problems(32, t10.candidateRanks()).get(0).contains("layer 10"));
        for (RankConfigRow r : t10.wellFormedRows()) {
            assertEquals(32, r.ranks().size());
            assertNull(r.printedIssue());
        }
        // 20% Hella, hand-copied start of the printed row
        RankConfigRow hella = t10.rows().get(2);
        assertEquals("20% Hella", hella.label());
        assertEquals(List.of(8, 8, 8, 8, 2, 2, 4, 10, 10, 6), hella.ranks().subList(0, 10));
    }

    @Test
    void bundledCopyIsIdenticalToTheSampleProject() throws Exception {
        for (String f : List.of(PaperReference.TABLES_FILE, PaperReference.RANK_CONFIGS_FILE)) {
            byte[] resource;
            try (var in = PaperReference.class.getResourceAsStream("/dev/rankadaptor/reference/" + f)) {
                resource = in.readAllBytes();
            }
            assertArrayEquals(Files.readAllBytes(SAMPLE.resolve(f)), resource, f);
        }
        assertEquals(5, PaperReference.bundled().tables().tables().size());
    }

    private static Path copyWith(Path dir, String file, String from, String to) throws Exception {
        Files.copy(SAMPLE.resolve(PaperReference.TABLES_FILE), dir.resolve(PaperReference.TABLES_FILE));
        Files.copy(SAMPLE.resolve(PaperReference.RANK_CONFIGS_FILE), dir.resolve(PaperReference.RANK_CONFIGS_FILE));
        Path p = dir.resolve(file);
        String text = Files.readString(p);
        assertTrue(text.contains(from), "test setup: " + from);
        Files.writeString(p, text.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to)));
        return dir;
    }

    @Test
    void badFilesAreRefusedWithMessagesNamingFileAndField(@TempDir Path dir) throws Exception {
        Path d1 = Files.createDirectory(dir.resolve("a"));
        copyWith(d1, PaperReference.TABLES_FILE, "[61.9, 76.31, ", "[");
        UserInputException e1 = assertThrows(UserInputException.class, () -> PaperReference.load(d1));
        assertTrue(e1.getMessage().contains("tables.json") && e1.getMessage().contains("one score per task"), e1.getMessage());

        Path d2 = Files.createDirectory(dir.resolve("b"));
        copyWith(d2, PaperReference.RANK_CONFIGS_FILE, "\"schemaVersion\": 1", "\"schemaVersion\": 7");
        UserInputException e2 = assertThrows(UserInputException.class, () -> PaperReference.load(d2));
        assertTrue(e2.getMessage().contains("rank-configs.json") && e2.getMessage().contains("schemaVersion"), e2.getMessage());

        Path d3 = Files.createDirectory(dir.resolve("c"));
        copyWith(d3, PaperReference.RANK_CONFIGS_FILE, "\"printedIssue\": \"Printed with 31", "\"other\": \"Printed with 31");
        UserInputException e3 = assertThrows(UserInputException.class, () -> PaperReference.load(d3));
        assertTrue(e3.getMessage().contains("25% Wino") && e3.getMessage().contains("printedIssue"), e3.getMessage());

        Path d4 = Files.createDirectory(dir.resolve("d"));
        copyWith(d4, PaperReference.TABLES_FILE, "\"tables\": [", "\"tables\": [[,");
        UserInputException e4 = assertThrows(UserInputException.class, () -> PaperReference.load(d4));
        assertTrue(e4.getMessage().contains("tables.json (line "), e4.getMessage());

        UserInputException e5 = assertThrows(UserInputException.class, () -> PaperReference.load(dir.resolve("missing")));
        assertTrue(e5.getMessage().contains("not found"), e5.getMessage());
    }
}

package dev.rankadaptor.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rankadaptor.search.TrialPhase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The journal's phase and method are enums in code and the same strings on disk: a journal written
 * before they were enums (a real demo run's, {@code journal/run-before-enums.jsonl}) replays, and
 * every record writes back to the same JSON.
 */
class JournalEnumsTest {
    @TempDir
    Path dir;

    private Path oldJournal() throws Exception {
        Path file = dir.resolve("journal.jsonl");
        try (InputStream in = getClass().getResourceAsStream("/journal/run-before-enums.jsonl")) {
            Files.copy(in, file);
        }
        return file;
    }

    @Test
    void aJournalWrittenBeforeTheEnumsReplaysWithEveryPhaseAndMethod() throws Exception {
        JournalState s = JournalReader.replay(oldJournal());
        assertEquals(RunStatus.FINISHED, s.status());
        Set<TrialPhase> phases = EnumSet.noneOf(TrialPhase.class);
        Set<RecoveryMethod> methods = EnumSet.noneOf(RecoveryMethod.class);
        s.finished().forEach(t -> {
            phases.add(t.phase());
            methods.add(t.method());
        });
        assertEquals(EnumSet.of(TrialPhase.INITIAL, TrialPhase.NOISE, TrialPhase.SEARCH, TrialPhase.BASELINE,
                TrialPhase.REPEAT, TrialPhase.PICK), phases);
        assertEquals(EnumSet.range(RecoveryMethod.LORA_UNIFORM, RecoveryMethod.RANKADAPTOR_PICK), methods);
        assertEquals(2, s.finished().stream().filter(t -> t.phase() == TrialPhase.REPEAT
                && t.method() == RecoveryMethod.ADALORA).count());
    }

    @Test
    void everyOldRecordWritesBackToTheSameJson() throws Exception {
        List<String> lines = Files.readAllLines(oldJournal());
        for (String line : lines) {
            ObjectNode original = (ObjectNode) JournalJson.MAPPER.readTree(line);
            JournalRecord record = JournalJson.MAPPER.treeToValue(original, JournalRecord.class);
            JsonNode written = JournalJson.MAPPER.valueToTree(record);
            ObjectNode expected = original.deepCopy();
            expected.remove("time");
            ObjectNode actual = ((ObjectNode) written).deepCopy();
            actual.remove("time");
            assertEquals(expected.toString(), actual.toString(), line);
        }
    }

    @Test
    void enumsRoundTripThroughTheJournal() throws Exception {
        Path file = dir.resolve("new.jsonl");
        try (Journal j = Journal.open(file)) {
            for (TrialPhase p : TrialPhase.values()) {
                j.append(new JournalRecord.TrialStarted(p.ordinal(), p, RecoveryMethod.values()[p.ordinal()],
                        List.of(2, 4), 1L, null));
            }
        }
        List<String> lines = Files.readAllLines(file);
        assertTrue(lines.get(0).contains("\"phase\":\"initial\",\"method\":\"no_recovery\""), lines.get(0));
        List<JournalEntry> back = JournalReader.read(file).entries();
        for (TrialPhase p : TrialPhase.values()) {
            JournalRecord.TrialStarted t = (JournalRecord.TrialStarted) back.get(p.ordinal()).record();
            assertEquals(p, t.phase());
            assertEquals(RecoveryMethod.values()[p.ordinal()], t.method());
            assertEquals(p, TrialPhase.fromId(p.id()));
        }
    }

    @Test
    void anUnknownPhaseOrMethodNamesTheFileTheLineAndTheExpectedIds() throws Exception {
        Path file = oldJournal();
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(file));
        int at = 0;
        while (!lines.get(at).contains("\"type\":\"trial_finished\"")) {
            at++;
        }
        String good = lines.get(at);
        lines.set(at, good.replaceFirst("\"phase\":\"[a-z]+\"", "\"phase\":\"warmup\""));
        Files.write(file, lines);
        JournalCorruptException e = assertThrows(JournalCorruptException.class, () -> JournalReader.replay(file));
        assertEquals(at + 1, e.line());
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("line " + (at + 1))
                && e.getMessage().contains("\"warmup\"") && e.getMessage().contains("repeat"), e.getMessage());

        lines.set(at, good.replaceFirst("\"method\":\"[a-z_]+\"", "\"method\":\"qlora\""));
        Files.write(file, lines);
        e = assertThrows(JournalCorruptException.class, () -> JournalReader.replay(file));
        assertTrue(e.getMessage().contains("line " + (at + 1)) && e.getMessage().contains("\"qlora\"")
                && e.getMessage().contains("lora_uniform"), e.getMessage());
    }
}

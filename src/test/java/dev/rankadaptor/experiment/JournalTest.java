package dev.rankadaptor.experiment;

import dev.rankadaptor.experiment.RecoveryMethod;
import dev.rankadaptor.search.TrialPhase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalTest {
    @TempDir
    Path dir;

    static final Versions VERSIONS = new Versions("17", "0.33.0", "PyTorch 2.5.1", "Linux", "host");

    static JournalRecord.TrialFinished finished(int index, double score) {
        return new JournalRecord.TrialFinished(index, TrialPhase.SEARCH, RecoveryMethod.RANKADAPTOR, List.of(2, 4, 8), 7L + index,
                index == 0 ? null : 0.5, score, Map.of("boolq", score), new LossSummary(2.5, 1.5, 1.4, 30),
                12.5, 3.0, "cpu");
    }

    private Path writeSample() {
        Path file = dir.resolve("journal.jsonl");
        try (Journal j = Journal.open(file)) {
            j.append(new JournalRecord.RunStarted("run-1", "abc", VERSIONS));
            j.append(new JournalRecord.Pruned("8 layers, 20% global", 3.5, "key", false));
            j.append(new JournalRecord.TrialStarted(0, TrialPhase.INITIAL, null, List.of(2, 4, 8), 7L, null));
            j.append(finished(0, 0.61));
            j.append(new JournalRecord.TrialStarted(1, TrialPhase.SEARCH, RecoveryMethod.RANKADAPTOR, List.of(4, 4, 4), 8L, Double.NaN));
            j.append(finished(1, 0.63));
            j.append(new JournalRecord.ModelUpdated(1, 0.01, List.of(0.6, 0.62)));
            j.append(new JournalRecord.TrialStarted(2, TrialPhase.SEARCH, RecoveryMethod.RANKADAPTOR, List.of(12, 2, 2), 9L, 0.64));
            j.append(new JournalRecord.Note("looks noisy", 1));
        }
        return file;
    }

    @Test
    void appendAndReplay() throws Exception {
        Path file = writeSample();
        List<String> lines = Files.readAllLines(file);
        assertEquals(9, lines.size());
        assertTrue(lines.get(3).startsWith("{\"type\":\"trial_finished\",\"time\":\""), lines.get(3));
        assertTrue(lines.get(3).contains("\"predicted\":null"), lines.get(3));
        assertTrue(lines.get(3).contains("\"task_scores\":{\"boolq\":0.61}"), lines.get(3));
        assertTrue(lines.get(4).contains("\"predicted\":null"), "NaN prediction stored as null: " + lines.get(4));

        JournalState s = JournalReader.replay(file);
        assertEquals(RunStatus.ACTIVE, s.status());
        assertEquals("run-1", s.started().runId());
        assertEquals(List.of(finished(0, 0.61), finished(1, 0.63)), s.finished());
        assertEquals(2, s.inFlight().index());
        assertArrayEquals(new int[]{12, 2, 2}, s.inFlight().rankArray());
        assertEquals(0.64, s.inFlight().predicted());
        assertEquals(List.of(0.6, 0.62), s.lastModelUpdate().predictions());
        assertEquals(List.of(new JournalRecord.Note("looks noisy", 1)), s.notes());
        assertEquals(3, s.nextTrialIndex());
        assertTrue(s.isFinished(1));
        assertTrue(s.resumable());
        assertTrue(s.warnings().isEmpty());
        assertEquals("8 layers, 20% global", s.pruned().planSummary());
    }

    @Test
    void statusFollowsControlRecords() {
        Path file = writeSample();
        try (Journal j = Journal.open(file)) {
            j.append(new JournalRecord.RunPaused("user"));
        }
        assertEquals(RunStatus.PAUSED, JournalReader.replay(file).status());
        try (Journal j = Journal.open(file)) {
            j.append(new JournalRecord.RunResumed(VERSIONS));
            j.append(new JournalRecord.TrialFailed(2, "out of memory"));
            j.append(new JournalRecord.Converged("threshold"));
            j.append(new JournalRecord.RunFinished("done"));
        }
        JournalState s = JournalReader.replay(file);
        assertEquals(RunStatus.FINISHED, s.status());
        assertEquals(1, s.resumes());
        assertNull(s.inFlight());
        assertEquals("out of memory", s.failed().get(0).message());
        assertEquals("threshold", s.converged().reason());
        assertTrue(!s.resumable());
    }

    @Test
    void nanLossSurvivesTheRoundTrip() {
        Path file = dir.resolve("journal.jsonl");
        JournalRecord.TrialFinished diverged = new JournalRecord.TrialFinished(0, TrialPhase.SEARCH, null, List.of(2), 1L, 0.5,
                0.25, Map.of(), LossSummary.of(new double[]{2.0, Double.NaN}), 1, 1, "cpu");
        try (Journal j = Journal.open(file)) {
            j.append(diverged);
        }
        JournalRecord.TrialFinished back = JournalReader.replay(file).finished().get(0);
        assertTrue(Double.isNaN(back.loss().last()));
        assertEquals(2.0, back.loss().min());
    }

    @Test
    void tornLastLineIsSkippedWithAWarning() throws Exception {
        Path file = writeSample();
        JournalState intact = JournalReader.replay(file);
        Files.writeString(file, "{\"type\":\"trial_finished\",\"time\":\"2026-", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        JournalState s = JournalReader.replay(file);
        assertEquals(intact.finished(), s.finished());
        assertEquals(intact.inFlight(), s.inFlight());
        assertEquals(1, s.warnings().size());
        assertTrue(s.warnings().get(0).contains("line 10 is incomplete"), s.warnings().get(0));
    }

    @Test
    void corruptMiddleLineIsAnErrorNamingTheLine() throws Exception {
        Path file = writeSample();
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(file));
        lines.set(3, lines.get(3).substring(0, 40));
        Files.write(file, lines);
        JournalCorruptException e = assertThrows(JournalCorruptException.class, () -> JournalReader.replay(file));
        assertEquals(4, e.line());
        assertTrue(e.getMessage().contains("journal.jsonl: line 4 is not a valid journal record"), e.getMessage());

        lines.set(3, "{\"type\":\"trial_finished\",\"index\":-1}");
        Files.write(file, lines);
        assertEquals(4, assertThrows(JournalCorruptException.class, () -> JournalReader.replay(file)).line());
        lines.set(3, "{\"type\":\"teleported\"}");
        Files.write(file, lines);
        assertEquals(4, assertThrows(JournalCorruptException.class, () -> JournalReader.replay(file)).line());
    }

    @Test
    void survivesACrashMidRecordAndKeepsAppending() throws Exception {
        Path file = writeSample();
        long full = Files.size(file);
        int lastLen = Files.readAllLines(file).get(8).length() + 1;
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(full - lastLen / 2);
        }
        JournalState afterCrash = JournalReader.replay(file);
        assertEquals(2, afterCrash.finished().size());
        assertTrue(afterCrash.notes().isEmpty());
        assertEquals(1, afterCrash.warnings().size());

        try (Journal j = Journal.open(file)) {
            assertTrue(j.repairWarning().contains("cut off"), j.repairWarning());
            j.append(new JournalRecord.RunResumed(VERSIONS));
            j.append(finished(2, 0.65));
        }
        JournalState resumed = JournalReader.replay(file);
        assertTrue(resumed.warnings().isEmpty(), resumed.warnings().toString());
        assertEquals(3, resumed.finished().size());
        assertNull(resumed.inFlight());
        assertTrue(Files.readString(dir.resolve("journal.jsonl.torn")).startsWith("{\"type\":\"note\""));
    }

    @Test
    void intactRecordMissingOnlyItsNewlineIsKept() throws Exception {
        Path file = writeSample();
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 1));
        assertEquals(1, JournalReader.replay(file).notes().size());
        try (Journal j = Journal.open(file)) {
            assertNull(j.repairWarning());
            j.append(new JournalRecord.Note("second", null));
        }
        JournalState s = JournalReader.replay(file);
        assertEquals(2, s.notes().size());
        assertTrue(s.warnings().isEmpty());
    }
}

package dev.rankadaptor.experiment;

import dev.rankadaptor.experiment.RecoveryMethod;
import dev.rankadaptor.search.TrialPhase;
import dev.rankadaptor.common.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TrialBankReaderTest {
    @TempDir
    Path dir;

    private static JournalRecord.TrialFinished trial(int index, List<Integer> ranks, double boolq, double piqa) {
        return new JournalRecord.TrialFinished(index, TrialPhase.REPEAT, RecoveryMethod.LORA_UNIFORM, ranks, index, null, (boolq + piqa) / 2,
                Map.of("boolq", boolq, "piqa", piqa), new LossSummary(2, 1, 1, 10), 1, 1, "cpu");
    }

    @Test
    void readsRunFoldersAndJournalFilesAndFiltersByLayerCount() throws Exception {
        Path runA = Files.createDirectories(dir.resolve("a"));
        try (Journal j = Journal.open(runA.resolve(RunDirectory.JOURNAL))) {
            j.append(trial(0, List.of(2, 4, 6), 0.6, 0.7));
            j.append(trial(1, List.of(2, 4), 0.6, 0.7));
        }
        Path journalB = dir.resolve("b.jsonl");
        try (Journal j = Journal.open(journalB)) {
            j.append(trial(0, List.of(8, 8, 8), 0.62, 0.71));
        }
        TrialBankReader.Result bank = TrialBankReader.read(List.of(runA, journalB));
        assertEquals(3, bank.entries().size());
        assertEquals(journalB, bank.entries().get(2).source());
        assertEquals(2, bank.withLayers(3).size());
        assertEquals(1, bank.withLayers(2).size());
        assertThrows(UserInputException.class, () -> TrialBankReader.read(List.of(dir.resolve("missing"))));
    }

    @Test
    void resultsTableFromFinishedTrials() {
        Map<String, List<JournalRecord.TrialFinished>> byMethod = new LinkedHashMap<>();
        byMethod.put("rankadaptor", List.of(trial(0, List.of(2), 0.65, 0.77), trial(1, List.of(2), 0.67, 0.78)));
        byMethod.put("lora_uniform", List.of(trial(2, List.of(8), 0.60, 0.78)));
        ResultsTable t = ResultsTable.fromTrials(List.of("boolq", "piqa"), byMethod);
        assertEquals(List.of("rankadaptor", "lora_uniform"), t.rows().stream().map(MethodRow::method).toList());
        assertEquals(0.66, t.row("rankadaptor").cell("boolq").mean(), 1e-12);
        assertEquals("LoRA", t.row("lora_uniform").label());
        assertEquals(1, t.row("lora_uniform").repeats());
    }
}

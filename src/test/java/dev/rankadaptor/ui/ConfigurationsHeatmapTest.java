package dev.rankadaptor.ui;

import dev.rankadaptor.experiment.RecoveryMethod;
import dev.rankadaptor.search.TrialPhase;
import dev.rankadaptor.experiment.JournalRecord;
import dev.rankadaptor.experiment.LossSummary;
import dev.rankadaptor.reference.PaperReference;
import dev.rankadaptor.reference.PaperReferenceFolder;
import dev.rankadaptor.ui.backend.ProjectSession;
import dev.rankadaptor.ui.charts.ChartsViewModel;
import dev.rankadaptor.ui.charts.HeatmapData;
import dev.rankadaptor.ui.charts.PaperConfigRows;
import dev.rankadaptor.ui.exec.SameThreadUiExecutor;
import dev.rankadaptor.ui.workbench.WorkbenchViewModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The final-configurations heatmap: our methods' repeat ranks, the paper's Table 10 rows on demand, the paper-reference project. */
class ConfigurationsHeatmapTest {
    private final WorkbenchViewModel vm = new WorkbenchViewModel(new SameThreadUiExecutor(), PaperReference.bundled(),
            new RecordingRunController(new ArrayList<>()));
    private final ProjectSession session = new ProjectSession(vm);

    private static JournalRecord.TrialFinished trial(int index, String method, String phase, List<Integer> ranks) {
        return new JournalRecord.TrialFinished(index, TrialPhase.fromId(phase), RecoveryMethod.fromId(method), ranks, 1, null, 0.6,
                Map.of("boolq", 0.6), new LossSummary(2.0, 1.0, 1.0, 3), 1.0, 0.5, "cpu");
    }

    private void showOurRuns() {
        session.showConfigurations(List.of(
                trial(0, "rankadaptor", "search", List.of(2, 2, 2, 2)),
                trial(1, "rankadaptor", "repeat", List.of(8, 4, 6, 8)),
                trial(2, "adalora", "repeat", List.of(8, 3, 11, 8)),
                trial(3, "adalora", "repeat", List.of(8, 3, 11, 8)),
                trial(4, "lora_uniform", "repeat", List.of(8, 8, 8, 8))));
    }

    @Test
    void adaloraRepeatRanksAreItsRow() {
        showOurRuns();
        HeatmapData h = vm.charts().configurationsProperty().get();
        assertEquals(List.of("RankAdaptor (best trial)", "AdaLoRA", "LoRA"), h.rowLabels(), "one row per method, search trials excluded");
        assertEquals(4, h.nx());
        int ada = h.rowLabels().indexOf("AdaLoRA");
        assertArrayEquals(new double[] {8, 3, 11, 8}, new double[] {h.z(0, ada), h.z(1, ada), h.z(2, ada), h.z(3, ada)});
        assertEquals("", vm.charts().configurationsNoteProperty().get(), "no paper rows by default");
    }

    @Test
    void aChosenRateAppendsItsPaperRowsOverThePapersLayerCount() {
        showOurRuns();
        vm.charts().paperChoiceProperty().set("20%");
        HeatmapData h = vm.charts().configurationsProperty().get();
        assertEquals(3 + 7, h.ny());
        assertEquals(32, h.nx(), "the grid spans the paper's 32 layers");
        assertEquals("paper 20% BoolQ", h.rowLabels().get(3));
        assertTrue(Double.isNaN(h.z(4, 0)), "our 4-layer rows are empty beyond layer 3");
        assertEquals(8, h.z(0, 0));
        var boolq = PaperReference.bundled().rankConfigs().rows().get(0);
        assertEquals(boolq.ranks().get(31).doubleValue(), h.z(31, 3));
        assertEquals(boolq.ranks().get(5).doubleValue(), h.z(5, 3));
        assertTrue(vm.charts().configurationsNoteProperty().get().startsWith("paper rows: LLaMA-7B, 32 layers"),
                vm.charts().configurationsNoteProperty().get());
        assertTrue(vm.charts().configurationsNoteProperty().get().contains("ours: 4 layers"));

        vm.charts().paperChoiceProperty().set("25%");
        h = vm.charts().configurationsProperty().get();
        assertEquals(3 + 6, h.ny(), "25% Wino has 31 entries and is left out");
        assertFalse(h.rowLabels().stream().anyMatch(l -> l.contains("Wino")));
        assertTrue(h.rowLabels().contains("paper 25% OBQA (!)"), h.rowLabels().toString());
        String note = vm.charts().configurationsNoteProperty().get();
        assertTrue(note.contains("paper 25% Wino: 31 entries, expected 32 (not drawn)"), note);
        assertTrue(note.contains("marked (!)"), note);

        vm.charts().paperChoiceProperty().set("none");
        assertEquals(List.of("RankAdaptor (best trial)", "AdaLoRA", "LoRA"), vm.charts().configurationsProperty().get().rowLabels());
        assertEquals(4, vm.charts().configurationsProperty().get().nx());
    }

    @Test
    void optionsSelectByRateAndAllRates() {
        var t10 = PaperReference.bundled().rankConfigs();
        assertTrue(PaperConfigRows.select(t10, "none").isEmpty());
        assertEquals(7, PaperConfigRows.select(t10, "50%").labels().size());
        assertEquals(t10.rows().size() - 1, PaperConfigRows.select(t10, "all rates").labels().size());
        assertThrows(IllegalArgumentException.class, () -> PaperConfigRows.select(t10, "12x"));
        ChartsViewModel without = new ChartsViewModel();
        without.paperChoiceProperty().set("20%");
        assertEquals(0, without.configurationsProperty().get().ny(), "no table, no paper rows");
    }

    @Test
    void thePaperReferenceFolderOpensAsDataOnly() {
        showOurRuns();
        session.load(Path.of("sample-projects/paper-reference"));
        String status = session.state().statusProperty().get();
        assertTrue(status.contains("nothing is computed"), status);
        assertFalse(status.contains("differs"), status);
        assertNull(session.state().projectProperty().get());
        HeatmapData h = vm.charts().configurationsProperty().get();
        assertTrue(h.rowLabels().stream().allMatch(l -> l.startsWith("paper ")), "our rows cleared: " + h.rowLabels());
        assertEquals(PaperReference.bundled().rankConfigs().rows().size() - 1, h.ny());
        assertTrue(vm.results().table().showReferenceProperty().get());
        assertFalse(vm.results().table().visibleRows().isEmpty(), "the paper's rows are in Results");
        assertTrue(vm.results().table().visibleRows().stream().allMatch(r -> r.reference()));

        session.state().statusProperty().set("");
        session.load(Path.of("sample-projects/paper-reference/README.md"));
        assertTrue(session.state().statusProperty().get().contains("nothing is computed"), "a file in the folder opens it too");
        assertNull(PaperReferenceFolder.of(Path.of("sample-projects/tiny-llama-demo/project.json")));
        assertNull(PaperReferenceFolder.of(Path.of("sample-projects/tiny-llama-demo")));
    }

    @Test
    void aBrokenReferenceFolderIsReportedNamingTheFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("tables.json"), "{ not json");
        Files.writeString(dir.resolve("rank-configs.json"), "{}");
        session.load(dir);
        String status = session.state().statusProperty().get();
        assertTrue(status.startsWith("cannot open paper reference"), status);
        assertTrue(status.contains("tables.json"), status);
    }
}

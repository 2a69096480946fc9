package dev.rankadaptor.experiment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The project.json fields of the honest protocol: preset, item split, depth criterion, search minimums. */
class ProtocolFieldsTest {
    @TempDir
    Path dir;

    static final String MINIMAL = ProjectFileTest.MINIMAL;

    private static ProjectFileException failing(String json) {
        return assertThrows(ProjectFileException.class, () -> ProjectFile.parse(json, Path.of("project.json")));
    }

    @Test
    void zeroInitialRandomTrialsIsRefusedAtLoadNamingTheField() {
        ProjectFileException e = failing(MINIMAL.replace("\"evaluation\"", "\"search\": {\"initial_random_trials\": 0}, \"evaluation\""));
        assertEquals("search.initial_random_trials", e.field());
        assertTrue(e.getMessage().contains(">= 1"), e.getMessage());
        assertEquals(1, ProjectFile.parse(MINIMAL.replace("\"evaluation\"",
                "\"search\": {\"initial_random_trials\": 1}, \"evaluation\""), Path.of("p.json")).search().initialRandomTrials());
    }

    @Test
    void thePaperPresetIsTheDefaultAndGivesThePapersRanks() {
        Project p = ProjectFile.parse(MINIMAL, Path.of("project.json"));
        assertEquals("paper", p.preset());
        assertEquals(List.of(2, 4, 6, 8, 10, 12), p.search().candidateRanks());
        assertEquals(List.of(0, 1, 2, 3, -2, -1), p.pruning().protectedLayers());
        Project none = ProjectFile.parse(MINIMAL.replace("\"name\"", "\"preset\": \"none\", \"name\""), Path.of("project.json"));
        assertEquals(List.of(2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), none.search().candidateRanks());
        Project given = ProjectFile.parse(MINIMAL.replace("\"evaluation\"", "\"search\": {\"candidate_ranks\": [4, 8]}, \"evaluation\""),
                Path.of("project.json"));
        assertEquals(List.of(4, 8), given.search().candidateRanks(), "a given key wins over the preset");
        assertEquals("preset", failing(MINIMAL.replace("\"name\"", "\"preset\": \"lora\", \"name\"")).field());
        assertTrue(ProjectFile.toJson(p).contains("\"preset\" : \"paper\""), "saved explicitly");
    }

    @Test
    void aFortyLayerCheckpointGetsThePapersThirteenBLayers() throws Exception {
        Files.createDirectories(dir.resolve("model"));
        Files.writeString(dir.resolve("model/config.json"), "{\"num_hidden_layers\": 40, \"hidden_size\": 5120}");
        Path file = dir.resolve("project.json");
        Files.writeString(file, MINIMAL);
        PruningSection p = ProjectFile.read(file).project().pruning();
        assertEquals(List.of(0, 1, 2, 3, -4, -3, -2, -1), p.protectedLayers());
        int[] pruned = p.prunableLayerIndices(40);
        assertEquals(32, pruned.length, "LLaMA-13B: layers 5-36 (1-based) are pruned");
        assertEquals(4, pruned[0]);
        assertEquals(35, pruned[pruned.length - 1]);
        Files.writeString(dir.resolve("model/config.json"), "{\"num_hidden_layers\": 32}");
        int[] seven = ProjectFile.read(file).project().pruning().prunableLayerIndices(32);
        assertEquals(26, seven.length);
        assertEquals(4, seven[0]);
        assertEquals(29, seven[25], "LLaMA-7B: layers 4-29 (0-based)");
    }

    @Test
    void evaluationSplitFieldsAreValidated() {
        Project p = ProjectFile.parse(MINIMAL, Path.of("project.json"));
        assertEquals(0.3, p.evaluation().selectionFraction());
        assertFalse(p.evaluation().hasSelectionFolder());
        String withFraction = MINIMAL.replace("\"task_folder\"", "\"selection_fraction\": 1.0, \"task_folder\"");
        assertEquals("evaluation.selection_fraction", failing(withFraction).field());
        String sameFolder = MINIMAL.replace("\"task_folder\"", "\"selection_folder\": \"data/tasks/\", \"task_folder\"");
        assertEquals("evaluation.selection_folder", failing(sameFolder).field());
        Project two = ProjectFile.parse(MINIMAL.replace("\"task_folder\"", "\"selection_folder\": \"data/validation\", \"task_folder\""),
                Path.of("project.json"));
        assertTrue(two.evaluation().hasSelectionFolder());
    }

    @Test
    void theDepthCriterionIsAProjectField() {
        assertEquals("taylor", ProjectFile.parse(MINIMAL, Path.of("p.json")).pruning().depthCriterion());
        Project ppl = ProjectFile.parse(MINIMAL.replace("\"calibration_file\"", "\"depth_criterion\": \"PPL\", \"calibration_file\""),
                Path.of("p.json"));
        assertEquals("ppl", ppl.pruning().depthCriterion());
        assertEquals("pruning.depth_criterion", failing(MINIMAL.replace("\"calibration_file\"",
                "\"depth_criterion\": \"magnitude\", \"calibration_file\"")).field());
    }
}

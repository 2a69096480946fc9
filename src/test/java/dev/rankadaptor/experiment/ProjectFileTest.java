package dev.rankadaptor.experiment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProjectFileTest {
    @TempDir
    Path dir;

    static final String MINIMAL = """
            {"schema_version": 1, "name": "demo", "checkpoint": "model",
             "pruning": {"calibration_file": "data/calibration.txt"},
             "recovery": {"data_file": "data/recovery.json"},
             "evaluation": {"task_folder": "data/tasks"}}
            """;

    private ProjectFileException failing(String json) {
        return assertThrows(ProjectFileException.class, () -> ProjectFile.parse(json, Path.of("project.json")));
    }

    private static String withSearch(String searchBody) {
        return MINIMAL.replace("\"evaluation\"", "\"search\": {" + searchBody + "}, \"evaluation\"");
    }

    @Test
    void roundTripKeepsEveryFieldAndWritesDefaultsExplicitly() throws Exception {
        Project p = ProjectFile.parse(MINIMAL, Path.of("project.json"));
        assertEquals(8, p.recovery().baseRank());
        assertEquals(List.of(2, 4, 6, 8, 10, 12), p.search().candidateRanks());
        Project changed = p.withSearch(new SearchSection(List.of(12, 2, 4), List.of(32, 16, 32), "tanh", 4, 100, 1, 10,
                0.01, 2, 30, 2, List.of(7L, 9L), List.of("../other/runs/x"), "boolq"));
        Path file = dir.resolve("project.json");
        ProjectFile.write(file, changed);
        String text = Files.readString(file);
        assertTrue(text.startsWith("{\n  \"schema_version\" : 1,"), text);
        assertTrue(text.contains("\"max_trials\" : 10"), text);
        assertTrue(text.contains("\"train_on_responses\" : true"), text);
        ProjectFile back = ProjectFile.read(file);
        assertEquals(changed, back.project());
        assertEquals(List.of(2, 4, 12), back.project().search().candidateRanks());
        assertEquals(ProjectFile.hash(changed), ProjectFile.hash(back.project()));
        assertTrue(!ProjectFile.hash(changed).equals(ProjectFile.hash(p)));
    }

    @Test
    void badFieldIsNamedWithItsPath() {
        ProjectFileException e = failing(withSearch("\"max_trials\": 0"));
        assertEquals("search.max_trials", e.field());
        assertEquals("project.json: search.max_trials: must be >= 1, was 0", e.getMessage());
        assertEquals("search.candidate_ranks[1]", failing(withSearch("\"candidate_ranks\": [2, 0]")).field());
        assertEquals("recovery.micro_batch", failing(MINIMAL.replace("\"data_file\"", "\"micro_batch\": 5, \"data_file\"")).field());
        assertEquals("pruning.ratio", failing(MINIMAL.replace("\"calibration_file\"", "\"ratio\": 1.5, \"calibration_file\"")).field());
        assertEquals("device", failing(MINIMAL.replace("\"name\"", "\"device\": \"tpu\", \"name\"")).field());
        assertEquals("search.target_score", failing(withSearch("\"target_score\": \"mmlu\"")).field());
        assertEquals("evaluation.tasks[1]",
                failing(MINIMAL.replace("\"task_folder\"", "\"tasks\": [\"boolq\", \"squad\"], \"task_folder\"")).field());
    }

    @Test
    void wrongTypesAreNamedToo() {
        ProjectFileException e = failing(withSearch("\"max_trials\": \"ten\""));
        assertEquals("search.max_trials", e.field());
        assertTrue(e.getMessage().contains("expected a whole number"), e.getMessage());
        assertEquals("search.repeats", failing(withSearch("\"repeats\": 2.5")).field());
        assertEquals("search.repeats", failing(withSearch("\"repeats\": null")).field());
        assertEquals("pruning", failing(MINIMAL.replace("\"pruning\": {", "\"pruning\": 5, \"x\": {")).field());
        assertEquals("search.seeds", failing(withSearch("\"repeats\": 2, \"seeds\": [1, 2, 3]")).field());
        assertEquals("search.seeds[1]", failing(withSearch("\"repeats\": 2, \"seeds\": [1, 1]")).field());
        assertEquals("search.repeats", failing(withSearch("\"repeats\": \"3\"")).field());
    }

    @Test
    void choicesAreCaseInsensitiveAndTasksAcceptPaperNames() {
        Project p = ProjectFile.parse(MINIMAL.replace("\"task_folder\"", "\"tasks\": [\"ARC-e\", \"BOOLQ\"], \"task_folder\"")
                .replace("\"calibration_file\"", "\"method\": \"Depth\", \"calibration_file\""), Path.of("project.json"));
        assertEquals(List.of("arc_easy", "boolq"), p.evaluation().tasks());
        assertEquals("depth", p.pruning().method());
    }

    @Test
    void versionsNameThisProcess() {
        Versions v = Versions.detect(null);
        assertEquals(System.getProperty("java.version"), v.java());
        assertEquals("not started", v.pytorch());
        assertTrue(v.djl().startsWith("0."), v.djl());
    }

    @Test
    void missingRequiredFieldIsNamed() {
        ProjectFileException e = failing(MINIMAL.replace("\"checkpoint\": \"model\",", ""));
        assertEquals("checkpoint", e.field());
        assertEquals("recovery.data_file", failing(MINIMAL.replace("\"data_file\": \"data/recovery.json\"", "")).field());
    }

    @Test
    void unknownSchemaVersionIsRefused() {
        ProjectFileException e = failing(MINIMAL.replace("\"schema_version\": 1", "\"schema_version\": 7"));
        assertEquals("project.json: schema_version 7 is not supported (this build reads 1)", e.getMessage());
        assertTrue(failing(MINIMAL.replace("\"schema_version\": 1,", "")).getMessage().contains("schema_version is missing"));
    }

    @Test
    void unknownFieldIsRefusedWithItsName() {
        ProjectFileException e = failing(withSearch("\"max_trails\": 5"));
        assertEquals("search.max_trails", e.field());
        assertTrue(e.getMessage().startsWith("project.json: search.max_trails: unknown field"), e.getMessage());
        assertTrue(e.getMessage().contains("max_trials"), "lists the known names: " + e.getMessage());
        assertEquals("colour", failing(MINIMAL.replace("\"name\"", "\"colour\": 1, \"name\"")).field());
    }

    @Test
    void notJsonNamesTheLine() {
        ProjectFileException e = failing("{\n\"schema_version\": 1,\n\"name\": }");
        assertTrue(e.getMessage().startsWith("project.json: not valid JSON at line 3"), e.getMessage());
    }

    @Test
    void relativePathsResolveAgainstTheProjectFolder() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("proj"));
        Path file = folder.resolve("project.json");
        String json = MINIMAL.replace("\"model\"", "\"" + dir.resolve("abs-model").toString().replace("\\", "\\\\") + "\"");
        Files.writeString(file, json);
        ProjectFile pf = ProjectFile.read(dir.resolve("proj/../proj/project.json"));
        assertEquals(folder, pf.folder());
        assertEquals(dir.resolve("abs-model"), pf.checkpointPath());
        assertEquals(folder.resolve("data/calibration.txt"), pf.calibrationPath());
        assertEquals(folder.resolve("data/recovery.json"), pf.recoveryDataPath());
        assertEquals(folder.resolve("data/tasks"), pf.taskFolderPath());
        assertEquals(folder.resolve("runs"), pf.runsFolder());
    }

    @Test
    void protectedLayersCountNegativeIndicesFromTheEnd() {
        PruningSection s = PruningSection.withDefaults("c.txt");
        assertEquals(List.of(0, 1, 2, 3, 30, 31), java.util.Arrays.stream(s.protectedLayerIndices(32)).boxed().toList());
        assertEquals(26, s.prunableLayerIndices(32).length);
        assertEquals(4, s.prunableLayerIndices(32)[0]);
        dev.rankadaptor.common.InvalidFieldException e = assertThrows(dev.rankadaptor.common.InvalidFieldException.class,
                () -> s.protectedLayerIndices(3));
        assertEquals("pruning.protected_layers[3]", e.field());
    }

    @Test
    void repeatSeedsDeriveFromTheProjectSeedWhenNotListed() {
        SearchSection s = SearchSection.defaults();
        assertEquals(3, s.repeatSeeds(42).length);
        assertEquals(44, s.repeatSeeds(42)[2]);
    }

    @Test
    void atomicWriteLeavesNoTempFiles() throws Exception {
        Project p = ProjectFile.parse(MINIMAL, Path.of("project.json"));
        Path file = dir.resolve("project.json");
        ProjectFile.write(file, p);
        ProjectFile.write(file, p.withDevice("cuda:1"));
        assertEquals("cuda:1", ProjectFile.read(file).project().device());
        try (var s = Files.list(dir)) {
            assertEquals(List.of(file), s.toList());
        }
    }
}

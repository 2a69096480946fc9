package dev.rankadaptor.experiment;

import dev.rankadaptor.common.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunDirectoryTest {
    @TempDir
    Path dir;

    private ProjectFile project() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("proj"));
        Files.createDirectories(folder.resolve("model"));
        Files.writeString(folder.resolve("model/config.json"), "{\"num_hidden_layers\": 8}");
        Files.write(folder.resolve("model/model.safetensors"), new byte[3 << 20]);
        Files.createDirectories(folder.resolve("data"));
        Files.writeString(folder.resolve("data/calibration.txt"), "some calibration text");
        Project p = Project.withDefaults("demo", "model", "data/calibration.txt", "data/recovery.json", "data/tasks");
        return ProjectFile.write(folder.resolve("project.json"), p);
    }

    @Test
    void createLaysOutTheRunAndSnapshotsTheProject() throws Exception {
        ProjectFile pf = project();
        try (RunDirectory run = RunDirectory.create(pf)) {
            assertTrue(RunId.looksLikeRunId(run.id()), run.id());
            assertEquals(pf.folder().resolve("runs").resolve(run.id()), run.path());
            assertTrue(Files.isRegularFile(run.journalFile()));
            assertEquals(0, Files.size(run.journalFile()));
            assertTrue(Files.isDirectory(run.adaptersDir()));
            assertTrue(Files.isRegularFile(run.path().resolve(RunDirectory.LOCK)));
            assertEquals(pf.project(), ProjectFile.parse(Files.readString(run.snapshotFile()), run.snapshotFile()));
            assertEquals(pf.path(), run.projectFilePath());
            assertEquals(pf.calibrationPath(), run.snapshot().calibrationPath());
            assertEquals(run.adaptersDir().resolve("best"), run.adapterDir("best"));
            assertThrows(UserInputException.class, () -> run.adapterDir("../x"));
            assertEquals(RunStatus.NEW, run.replay().status());
        }
    }

    @Test
    void secondOpenInTheSameProcessIsRefusedUntilClosed() throws Exception {
        ProjectFile pf = project();
        Path path;
        try (RunDirectory run = RunDirectory.create(pf)) {
            path = run.path();
            UserInputException e = assertThrows(UserInputException.class, () -> RunDirectory.open(path));
            assertTrue(e.getMessage().contains("already open in this process"), e.getMessage());
        }
        try (RunDirectory again = RunDirectory.open(path)) {
            assertEquals(path.getFileName().toString(), again.id());
            assertEquals(pf.project(), again.snapshot().project());
        }
    }

    @Test
    void anotherProcessHoldingTheLockBlocksUntilItIsKilled() throws Exception {
        ProjectFile pf = project();
        Path path;
        try (RunDirectory run = RunDirectory.create(pf)) {
            path = run.path();
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LockHolderMain.class.getName(), path.resolve(RunDirectory.LOCK).toString())
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("locked true", out.readLine());
            UserInputException e = assertThrows(UserInputException.class, () -> RunDirectory.open(path));
            assertTrue(e.getMessage().contains("in use by another process (pid " + child.pid()), e.getMessage());
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        try (RunDirectory resumed = RunDirectory.open(path)) {
            assertEquals(path, resumed.path());
        }
    }

    @Test
    void resumeTakesBudgetChangesButRefusesChangesToWhatTrialsMeasure() throws Exception {
        ProjectFile pf = project();
        try (RunDirectory run = RunDirectory.create(pf)) {
            Project p = pf.project();
            SearchSection s = p.search();
            SearchSection longer = new SearchSection(s.candidateRanks(), s.hiddenSizes(), s.activation(),
                    s.initialRandomTrials(), s.candidatesPerIteration(), s.explorationPicks(), 60,
                    s.convergenceThreshold(), s.convergenceConsecutive(), 90, s.repeats(), s.seeds(), s.trialBank(),
                    s.targetScore());
            ProjectFile.write(pf.path(), p.withSearch(longer).withDevice("cuda:1"));
            ProjectFile resumed = run.projectForResume();
            assertEquals(60, resumed.project().search().maxTrials());
            assertEquals(90.0, resumed.project().search().timeBudgetMinutes());
            assertEquals("cuda:1", resumed.project().device());
            assertEquals(p.pruning(), resumed.project().pruning());

            PruningSection pr = p.pruning();
            Project changed = new Project(p.name(), p.checkpoint(), new PruningSection(pr.method(), pr.ratioKind(), 0.5,
                    pr.protectedLayers(), pr.importance(), pr.calibrationFile(), pr.samples(), pr.window(), pr.seed()),
                    p.recovery(), p.search(), p.evaluation(), List.of("lora_uniform"), p.device(), p.seed());
            ProjectFile.write(pf.path(), changed);
            UserInputException e = assertThrows(UserInputException.class, run::projectForResume);
            assertTrue(e.getMessage().contains("pruning.ratio (0.2 -> 0.5)"), e.getMessage());
            assertTrue(e.getMessage().contains("baselines"), e.getMessage());
            assertFalse(e.getMessage().contains("device"), e.getMessage());

            Files.delete(pf.path());
            assertEquals(p, run.projectForResume().project());
        }
    }

    @Test
    void prunedModelIsReusedOnlyWhenItsInputsAreUnchanged() throws Exception {
        ProjectFile pf = project();
        PrunedModelKey key = PrunedModelKey.of(pf);
        assertEquals(key, PrunedModelKey.of(pf));
        Path firstRun;
        try (RunDirectory run = RunDirectory.create(pf)) {
            firstRun = run.path();
            assertFalse(run.hasPrunedModel(key));
            Files.createDirectories(run.prunedDir());
            run.markPruned(key);
            assertTrue(run.hasPrunedModel(key));
            assertEquals(key, run.prunedKey().orElseThrow());
        }
        Files.writeString(firstRun.resolve("pruned/config.json"), "{\"pruned\": true}");
        assertEquals(firstRun.resolve("pruned"), RunDirectory.findReusablePruned(pf.runsFolder(), key).orElseThrow());
        try (RunDirectory second = RunDirectory.create(pf)) {
            assertEquals(firstRun.resolve("pruned"), RunDirectory.findReusablePruned(pf.runsFolder(), key).orElseThrow(),
                    "a run without a pruned model is skipped");
            second.adoptPruned(firstRun.resolve("pruned"), key);
            assertTrue(second.hasPrunedModel(key));
            assertEquals("{\"pruned\": true}", Files.readString(second.prunedDir().resolve("config.json")));
        }

        Files.writeString(pf.calibrationPath(), "other calibration text");
        PrunedModelKey newCalibration = PrunedModelKey.of(pf);
        assertFalse(newCalibration.hash().equals(key.hash()));
        assertTrue(RunDirectory.findReusablePruned(pf.runsFolder(), newCalibration).isEmpty());

        byte[] weights = new byte[3 << 20];
        weights[weights.length - 1] = 1;
        Files.write(pf.checkpointPath().resolve("model.safetensors"), weights);
        assertFalse(PrunedModelKey.of(pf).checkpointFingerprint().equals(newCalibration.checkpointFingerprint()));

        Files.writeString(pf.folder().resolve("config.json"), "{}");
        String before = PrunedModelKey.fingerprint(pf.folder());
        Files.writeString(pf.path(), Files.readString(pf.path()).replace("\"max_trials\" : 24", "\"max_trials\" : 30"));
        Files.writeString(pf.folder().resolve("notes.txt"), "unrelated");
        assertEquals(before, PrunedModelKey.fingerprint(pf.folder()), "a project.json beside the weights is not part of them");
        Files.writeString(pf.folder().resolve("config.json"), "{\"a\": 1}");
        assertFalse(before.equals(PrunedModelKey.fingerprint(pf.folder())));

        try (RunDirectory run = RunDirectory.open(firstRun)) {
            run.invalidatePruned();
            assertFalse(run.hasPrunedModel(key));
        }
    }

    @Test
    void listSortsRunsOldestFirstAndRejectsNonRuns() throws Exception {
        ProjectFile pf = project();
        Files.createDirectories(pf.runsFolder().resolve("20200101-000000-0000"));
        try (RunDirectory a = RunDirectory.create(pf)) {
            List<Path> runs = RunDirectory.list(pf.runsFolder());
            assertEquals(List.of(a.path()), runs, "folders without run.json are not runs");
        }
        UserInputException e = assertThrows(UserInputException.class, () -> RunDirectory.open(pf.folder()));
        assertTrue(e.getMessage().contains("is not a run folder"), e.getMessage());
    }
}

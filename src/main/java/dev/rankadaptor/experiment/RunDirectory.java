package dev.rankadaptor.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rankadaptor.common.FileTrees;
import dev.rankadaptor.common.AtomicFiles;
import dev.rankadaptor.common.UserInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One search run's folder, {@code <project>/runs/<id>/}, held open (and locked) by one process:
 * <pre>
 *   run.json               id, start time, where the project file is (relative to this folder)
 *   project.snapshot.json  the project as it was when the run started; resume uses it
 *   run.lock               OS lock: one process per run; dies with the process
 *   journal.jsonl          append-only event log; the run's state is its replay
 *   pruned/                the pruned checkpoint
 *   pruned.key.json        what pruned/ was made from (reuse when unchanged)
 *   adapters/&lt;name&gt;/       PEFT adapters of the best and baseline trials
 *   results.json           methods x tasks table
 *   trials/&lt;index&gt;/         worker files of trial &lt;index&gt; (parallel backends): attempt-&lt;a&gt;.log and
 *                          attempt-&lt;a&gt;.result.json, written by the worker, read by the run
 * </pre>
 * The snapshot keeps paths as written in the project file; they resolve against the project's
 * folder (see {@link #snapshot()}), so a whole project folder can be moved or copied with its runs.
 */
public final class RunDirectory implements AutoCloseable {
    public static final String RUN_INFO = "run.json";
    public static final String SNAPSHOT = "project.snapshot.json";
    public static final String LOCK = "run.lock";
    public static final String JOURNAL = "journal.jsonl";
    public static final String PRUNED = "pruned";
    public static final String PRUNED_KEY = "pruned.key.json";
    public static final String ADAPTERS = "adapters";
    public static final String RESULTS = "results.json";
    public static final String TRIALS = "trials";

    private final Path path;
    private final String id;
    private final ProjectFile snapshot;
    private final RunLock lock;

    private RunDirectory(Path path, String id, ProjectFile snapshot, RunLock lock) {
        this.path = path;
        this.id = id;
        this.snapshot = snapshot;
        this.lock = lock;
    }

    /** Creates a new run under the project's {@code runs/} folder and locks it. */
    public static RunDirectory create(ProjectFile project) {
        return create(project.runsFolder(), project);
    }

    /** Creates a new run folder under {@code runsFolder}, writes the snapshot and locks it. */
    public static RunDirectory create(Path runsFolder, ProjectFile project) {
        try {
            Files.createDirectories(runsFolder);
            for (int attempt = 0; ; attempt++) {
                String id = RunId.next();
                Path dir = runsFolder.resolve(id).toAbsolutePath().normalize();
                try {
                    Files.createDirectory(dir);
                } catch (FileAlreadyExistsException e) {
                    if (attempt < 20) {
                        continue;
                    }
                    throw e;
                }
                RunLock lock = RunLock.acquire(dir.resolve(LOCK), id);
                try {
                    AtomicFiles.writeString(dir.resolve(SNAPSHOT), ProjectFile.toJson(project.project()));
                    ObjectNode info = ProjectJson.MAPPER.createObjectNode();
                    info.put("schema_version", 1);
                    info.put("id", id);
                    info.put("created", Instant.now().toString());
                    info.put("project_file", dir.relativize(project.path()).toString());
                    AtomicFiles.writeString(dir.resolve(RUN_INFO), ProjectJson.MAPPER.writeValueAsString(info) + "\n");
                    Files.createDirectories(dir.resolve(ADAPTERS));
                    Files.createFile(dir.resolve(JOURNAL));
                    return new RunDirectory(dir, id, new ProjectFile(project.path(), project.project()), lock);
                } catch (IOException | RuntimeException e) {
                    lock.close();
                    throw e;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a run under " + runsFolder + ": " + e.getMessage(), e);
        }
    }

    /** Opens an existing run (to resume or report) and locks it; fails clearly when it is not a run or is in use. */
    public static RunDirectory open(Path runFolder) {
        return open(runFolder, true);
    }

    /**
     * Opens a run for a worker process that runs one trial while the run's coordinator holds the lock:
     * no lock is taken, and the worker only writes its own files under {@code trials/<index>/}.
     */
    public static RunDirectory openForWorker(Path runFolder) {
        return open(runFolder, false);
    }

    private static RunDirectory open(Path runFolder, boolean takeLock) {
        Path dir = runFolder.toAbsolutePath().normalize();
        Path info = dir.resolve(RUN_INFO);
        Path snap = dir.resolve(SNAPSHOT);
        if (!Files.isRegularFile(info) || !Files.isRegularFile(snap)) {
            throw new UserInputException(runFolder + " is not a run folder (it has no " + RUN_INFO + " and " + SNAPSHOT + ")");
        }
        JsonNode node;
        try {
            node = ProjectJson.MAPPER.readTree(Files.readString(info));
        } catch (IOException e) {
            throw new UserInputException(info + ": cannot be read: " + e.getMessage(), e);
        }
        if (node == null || !node.hasNonNull("id") || !node.hasNonNull("project_file")) {
            throw new UserInputException(info + ": id and project_file are required");
        }
        String id = node.get("id").asText();
        Path projectFile = dir.resolve(node.get("project_file").asText()).normalize();
        RunLock lock = takeLock ? RunLock.acquire(dir.resolve(LOCK), id) : null;
        try {
            Project project = ProjectFile.parse(Files.readString(snap), snap);
            return new RunDirectory(dir, id, new ProjectFile(projectFile, project), lock);
        } catch (IOException | RuntimeException e) {
            if (lock != null) {
                lock.close();
            }
            if (e instanceof IOException io) {
                throw new UserInputException(snap + ": cannot be read: " + io.getMessage(), io);
            }
            throw (RuntimeException) e;
        }
    }

    /** Run folders under {@code runsFolder}, oldest first (names sort by start time). */
    public static List<Path> list(Path runsFolder) {
        if (!Files.isDirectory(runsFolder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(runsFolder)) {
            return s.filter(p -> Files.isDirectory(p) && Files.isRegularFile(p.resolve(RUN_INFO)))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String id() {
        return id;
    }

    public Path path() {
        return path;
    }

    /** The project as the run started, with the original project file's path (for resolving relative paths). */
    public ProjectFile snapshot() {
        return snapshot;
    }

    /** Where the run's project file is (it may have changed or gone since). */
    public Path projectFilePath() {
        return snapshot.path();
    }

    /**
     * The project to resume with: the snapshot, plus budget/device changes from the current project
     * file if it still exists; refuses (naming the fields) if it changed what trials measure.
     */
    public ProjectFile projectForResume() {
        Path file = snapshot.path();
        if (!Files.isRegularFile(file)) {
            return snapshot;
        }
        Project current = ProjectFile.read(file).project();
        return snapshot.with(ProjectDiff.forResume(snapshot.project(), current, id, file));
    }

    public Path journalFile() {
        return path.resolve(JOURNAL);
    }

    public Path prunedDir() {
        return path.resolve(PRUNED);
    }

    public Path adaptersDir() {
        return path.resolve(ADAPTERS);
    }

    /** Folder of one adapter, e.g. "best", "lora_uniform", "adalora-seed2"; the name must be a plain folder name. */
    public Path adapterDir(String name) {
        if (name == null || !name.matches("[A-Za-z0-9._-]+") || name.startsWith(".")) {
            throw new UserInputException("adapter name '" + name + "' must use letters, digits, '.', '_' or '-' only");
        }
        return adaptersDir().resolve(name);
    }

    public Path resultsFile() {
        return path.resolve(RESULTS);
    }

    public Path snapshotFile() {
        return path.resolve(SNAPSHOT);
    }

    /** Opens the journal for appending (repairing a torn tail). */
    public Journal openJournal() {
        return Journal.open(journalFile());
    }

    /** The run's state from its journal. */
    public JournalState replay() {
        return JournalReader.replay(journalFile());
    }

    /** The key stored next to {@code pruned/}, if a pruned model was completed here. */
    public Optional<PrunedModelKey> prunedKey() {
        return readKey(path);
    }

    /** True when {@code pruned/} holds a model made from exactly these inputs. */
    public boolean hasPrunedModel(PrunedModelKey key) {
        return Files.isDirectory(prunedDir()) && prunedKey().map(k -> k.hash().equals(key.hash())).orElse(false);
    }

    /** Records that {@code pruned/} is complete for this key; call only after the pruned model is fully written. */
    public void markPruned(PrunedModelKey key) {
        try {
            AtomicFiles.writeString(path.resolve(PRUNED_KEY), ProjectJson.MAPPER.writeValueAsString(key) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Forgets the pruned model's key (before re-pruning), so a half-written {@code pruned/} is never taken as valid. */
    public void invalidatePruned() {
        try {
            Files.deleteIfExists(path.resolve(PRUNED_KEY));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Takes over another run's completed pruned model (from {@link #findReusablePruned}): files are
     * hard-linked where the file system allows (pruned weights are never modified in place), copied
     * otherwise, and the key is recorded last.
     */
    public void adoptPruned(Path sourcePruned, PrunedModelKey key) {
        invalidatePruned();
        Path target = prunedDir();
        try {
            FileTrees.deleteTree(target);
            FileTrees.linkOrCopyTree(sourcePruned, target);
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException("cannot reuse the pruned model " + sourcePruned + ": " + e.getCause().getMessage(), e.getCause());
        }
        markPruned(key);
    }

    /** A completed pruned model of another run under {@code runsFolder} with the same key, newest first. */
    public static Optional<Path> findReusablePruned(Path runsFolder, PrunedModelKey key) {
        List<Path> runs = new ArrayList<>(list(runsFolder));
        java.util.Collections.reverse(runs);
        for (Path run : runs) {
            Optional<PrunedModelKey> k = readKey(run);
            if (k.isPresent() && k.get().hash().equals(key.hash()) && Files.isDirectory(run.resolve(PRUNED))) {
                return Optional.of(run.resolve(PRUNED));
            }
        }
        return Optional.empty();
    }

    private static Optional<PrunedModelKey> readKey(Path run) {
        Path f = run.resolve(PRUNED_KEY);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(ProjectJson.MAPPER.readValue(Files.readString(f), PrunedModelKey.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Worker files of one trial (parallel backends): {@code trials/<index>/}. */
    public Path trialDir(int index) {
        return path.resolve(TRIALS).resolve(Integer.toString(index));
    }

    /** The result a worker writes atomically when attempt {@code attempt} of trial {@code index} finished. */
    public Path trialResultFile(int index, int attempt) {
        return trialDir(index).resolve("attempt-" + attempt + ".result.json");
    }

    /** The log (stdout and stderr) of attempt {@code attempt} of trial {@code index}. */
    public Path trialLogFile(int index, int attempt) {
        return trialDir(index).resolve("attempt-" + attempt + ".log");
    }

    /** Releases the run lock (a worker's view holds none). */
    @Override
    public void close() {
        if (lock != null) {
            lock.close();
        }
    }
}

package dev.rankadaptor.execution;

import dev.rankadaptor.compute.Engines;
import dev.rankadaptor.experiment.ExecutionBackend;
import dev.rankadaptor.experiment.ExecutionSection;
import dev.rankadaptor.experiment.JournalEntry;
import dev.rankadaptor.experiment.JournalReader;
import dev.rankadaptor.experiment.JournalRecord;
import dev.rankadaptor.experiment.ProjectFile;
import dev.rankadaptor.experiment.RunDirectory;
import dev.rankadaptor.experiment.SlurmJobSection;
import dev.rankadaptor.pipeline.RunListener;
import dev.rankadaptor.pipeline.RunOrchestrator;
import dev.rankadaptor.pipeline.RunOutcome;
import dev.rankadaptor.pipeline.TinyProjectFixture;
import dev.rankadaptor.pipeline.TrialJob;
import dev.rankadaptor.pipeline.TrialPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The local backend on the tiny project, with real worker processes: two trials in flight, a worker
 * killed with kill -9 (retried, finished once), a worker that exits non-zero every time (retried,
 * then failed with its reason and log tail), and the coordinator killed with kill -9 while two
 * trials run (the resumed run adopts both; every trial is in the final journal exactly once).
 */
class LocalWorkersTest {
    private static final List<String> BASELINES = List.of("lora_uniform");

    static ProjectFile project(Path dir, int trials, int retries) {
        ProjectFile pf = TinyProjectFixture.create(dir, trials, 1, BASELINES);
        ExecutionSection ex = new ExecutionSection(ExecutionBackend.LOCAL, 2, List.of("cpu", "cpu"), retries, SlurmJobSection.defaults());
        return ProjectFile.write(pf.path(), pf.project().withExecution(ex));
    }

    /** Local workers whose environment carries {@code env} too (the fault hook of TrialJob). */
    static TrialPool.Factory localWith(Map<String, String> env) {
        return (dir, ex, events) -> {
            WorkerLaunch base = WorkerLaunch.current();
            Map<String, String> all = new HashMap<>(base.env());
            all.putAll(env);
            WorkerLaunch launch = new WorkerLaunch(base.java(), base.jvmArgs(), base.classPath(), base.mainClass(), all);
            return new BackendPool(dir, new LocalBackend(dir, ex, launch), ex.retries(), events);
        };
    }

    static List<JournalRecord> journal(Path run) {
        return JournalReader.read(run.resolve(RunDirectory.JOURNAL)).entries().stream().map(JournalEntry::record).toList();
    }

    /** Most trials dispatched and not yet finished or failed at any point of the journal. */
    static int mostInFlight(List<JournalRecord> records) {
        java.util.Set<Integer> running = new java.util.HashSet<>();
        int most = 0;
        for (JournalRecord r : records) {
            if (r instanceof JournalRecord.TrialDispatched d) {
                running.add(d.index());
            } else if (r instanceof JournalRecord.TrialFinished f) {
                running.remove(f.index());
            } else if (r instanceof JournalRecord.TrialFailed f) {
                running.remove(f.index());
            } else if (r instanceof JournalRecord.TrialAttemptFailed f) {
                running.remove(f.index());
            }
            most = Math.max(most, running.size());
        }
        return most;
    }

    /** Every started trial ended exactly once (finished or failed), and no index finished twice. */
    static void everyTrialExactlyOnce(List<JournalRecord> records) {
        Map<Integer, Integer> ends = new LinkedHashMap<>();
        java.util.Set<Integer> started = new java.util.TreeSet<>();
        for (JournalRecord r : records) {
            if (r instanceof JournalRecord.TrialStarted t) {
                started.add(t.index());
            } else if (r instanceof JournalRecord.TrialFinished f) {
                ends.merge(f.index(), 1, Integer::sum);
            } else if (r instanceof JournalRecord.TrialFailed f) {
                ends.merge(f.index(), 1, Integer::sum);
            }
        }
        assertEquals(started, new java.util.TreeSet<>(ends.keySet()), "every started trial ended");
        ends.forEach((i, n) -> assertEquals(1, n, "trial " + i + " ended " + n + " times"));
    }

    @Test
    void twoWorkersRunTheTinyProjectEndToEndWithAWorkerKilledMidTrial(@TempDir Path tmp) throws Exception {
        ProjectFile pf = project(tmp.resolve("p"), 4, 2);
        Path run;
        RunOutcome[] out = new RunOutcome[1];
        try (RunDirectory dir = RunDirectory.create(pf)) {
            run = dir.path();
            Thread coordinator = new Thread(() -> out[0] = new RunOrchestrator(dir, RunListener.NONE, null,
                    TrialBackends::open).run(), "coordinator");
            coordinator.start();
            long victim = waitForDispatch(run, 1, 0, 180);
            waitForLog(run.resolve("trials/1/attempt-1.log"), "training", 120);
            assertTrue(ProcessHandle.of(victim).map(ProcessHandle::destroyForcibly).orElse(false), "kill -9 of worker " + victim);
            coordinator.join(TimeUnit.SECONDS.toMillis(400));
            assertFalse(coordinator.isAlive(), "the run ended");
        }
        if (System.getenv("KEEP_RUN") != null) { new ProcessBuilder("cp", "-r", run.toString(), System.getenv("KEEP_RUN")).start().waitFor(); }
        assertEquals(RunOutcome.Status.FINISHED, out[0].status(), out[0].message());
        List<JournalRecord> j = journal(run);
        everyTrialExactlyOnce(j);
        assertEquals(2, mostInFlight(j), "two trials in flight at once");
        var failedAttempt = j.stream().filter(r -> r instanceof JournalRecord.TrialAttemptFailed f && f.index() == 1)
                .map(r -> (JournalRecord.TrialAttemptFailed) r).findFirst().orElseThrow();
        assertTrue(failedAttempt.reason().contains("signal 9"), failedAttempt.reason());
        assertTrue(j.stream().anyMatch(r -> r instanceof JournalRecord.TrialDispatched d && d.index() == 1 && d.attempt() == 2),
                "the killed trial is started again");
        assertTrue(j.stream().anyMatch(r -> r instanceof JournalRecord.TrialFinished f && f.index() == 1), "and finishes");
        assertTrue(Files.isRegularFile(run.resolve("trials/1/attempt-2.result.json")));
        assertTrue(Files.isRegularFile(run.resolve("results.json")));
    }

    @Test
    void aWorkerThatAlwaysExitsNonZeroIsRetriedThenRecordedAsFailed(@TempDir Path tmp) throws Exception {
        ProjectFile pf = project(tmp.resolve("p"), 4, 1);
        Path run;
        RunOutcome out;
        try (RunDirectory dir = RunDirectory.create(pf)) {
            run = dir.path();
            out = new RunOrchestrator(dir, RunListener.NONE, null, localWith(Map.of(TrialJob.FAIL_ENV, "2"))).run();
        }
        assertEquals(RunOutcome.Status.FINISHED, out.status(), out.message());
        List<JournalRecord> j = journal(run);
        everyTrialExactlyOnce(j);
        List<JournalRecord.TrialAttemptFailed> attempts = j.stream().filter(r -> r instanceof JournalRecord.TrialAttemptFailed)
                .map(r -> (JournalRecord.TrialAttemptFailed) r).toList();
        assertEquals(2, attempts.size(), "first attempt and its one retry: " + attempts);
        assertTrue(attempts.stream().allMatch(a -> a.index() == 2 && a.reason().contains("exited with status")), attempts.toString());
        JournalRecord.TrialFailed failed = j.stream().filter(r -> r instanceof JournalRecord.TrialFailed)
                .map(r -> (JournalRecord.TrialFailed) r).findFirst().orElseThrow();
        assertEquals(2, failed.index());
        assertEquals(2, failed.attempts());
        assertTrue(failed.logTail().contains("fails on purpose"), failed.logTail());
        assertFalse(j.stream().anyMatch(r -> r instanceof JournalRecord.TrialFinished f && f.index() == 2));
    }

    @Test
    void aKilledCoordinatorResumesAndAdoptsBothRunningTrials(@TempDir Path tmp) throws Exception {
        ProjectFile pf = project(tmp.resolve("p"), 4, 2);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx1g", "-D" + Engines.CACHE_PROPERTY + "=" + Engines.cacheDir(),
                "-cp", System.getProperty("java.class.path"), "dev.rankadaptor.Main", "search", pf.path().toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("coordinator.log").toFile()).start();
        Path run = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        List<JournalRecord.TrialDispatched> running = List.of();
        while (System.nanoTime() < deadline && child.isAlive()) {
            run = findRun(pf.folder().resolve("runs"));
            if (run != null && Files.isRegularFile(run.resolve(RunDirectory.JOURNAL))) {
                List<JournalRecord> j = journal(run);
                running = inFlightDispatches(j);
                if (running.size() == 2 && j.stream().anyMatch(r -> r instanceof JournalRecord.TrialFinished)) {
                    break;
                }
            }
            Thread.sleep(50);
        }
        assertTrue(child.isAlive(), "the coordinator ended before it could be killed: " + Files.readString(tmp.resolve("coordinator.log")));
        assertEquals(2, running.size(), "two trials running at the kill");
        child.destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        for (JournalRecord.TrialDispatched d : running) {
            assertTrue(ProcessHandle.of(Long.parseLong(d.handle())).isPresent() || Files.isRegularFile(
                    run.resolve("trials/" + d.index() + "/attempt-" + d.attempt() + ".result.json")), "worker survives the coordinator");
        }
        RunOutcome out;
        try (RunDirectory dir = RunDirectory.open(run)) {
            out = new RunOrchestrator(dir, RunListener.NONE, null, TrialBackends::open).run();
        }
        if (System.getenv("KEEP_RUN") != null) {
            new ProcessBuilder("cp", "-r", run.toString(), System.getenv("KEEP_RUN")).start().waitFor();
        }
        assertEquals(RunOutcome.Status.FINISHED, out.status(), out.message());
        List<JournalRecord> j = journal(run);
        everyTrialExactlyOnce(j);
        for (JournalRecord.TrialDispatched d : running) {
            long dispatches = j.stream().filter(r -> r instanceof JournalRecord.TrialDispatched x && x.index() == d.index()).count();
            assertEquals(1, dispatches, "trial " + d.index() + " was adopted, not started again: "
                    + j.stream().filter(r -> r.toString().contains("index=" + d.index() + ",")).toList());
            assertTrue(j.stream().anyMatch(r -> r instanceof JournalRecord.TrialFinished f && f.index() == d.index()));
        }
    }

    private static List<JournalRecord.TrialDispatched> inFlightDispatches(List<JournalRecord> j) {
        Map<Integer, JournalRecord.TrialDispatched> m = new LinkedHashMap<>();
        for (JournalRecord r : j) {
            if (r instanceof JournalRecord.TrialDispatched d) {
                m.put(d.index(), d);
            } else if (r instanceof JournalRecord.TrialFinished f) {
                m.remove(f.index());
            } else if (r instanceof JournalRecord.TrialAttemptFailed f) {
                m.remove(f.index());
            } else if (r instanceof JournalRecord.TrialFailed f) {
                m.remove(f.index());
            }
        }
        return List.copyOf(m.values());
    }

    private static long waitForDispatch(Path run, int index, int unused, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (Files.isRegularFile(run.resolve(RunDirectory.JOURNAL))) {
                for (JournalRecord r : journal(run)) {
                    if (r instanceof JournalRecord.TrialDispatched d && d.index() == index) {
                        return Long.parseLong(d.handle());
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("trial " + index + " was never dispatched");
    }

    private static void waitForLog(Path log, String text, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (Files.isRegularFile(log) && Files.readString(log).contains(text)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(log + " never showed '" + text + "'");
    }

    private static Path findRun(Path runs) throws Exception {
        if (!Files.isDirectory(runs)) {
            return null;
        }
        try (Stream<Path> s = Files.list(runs)) {
            return s.filter(Files::isDirectory).findFirst().orElse(null);
        }
    }
}

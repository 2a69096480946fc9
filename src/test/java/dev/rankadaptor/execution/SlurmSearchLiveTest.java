package dev.rankadaptor.execution;

import dev.rankadaptor.compute.Engines;
import dev.rankadaptor.execution.slurm.LocalSlurmCluster;
import dev.rankadaptor.execution.slurm.SlurmClient;
import dev.rankadaptor.execution.slurm.SlurmJobState;
import dev.rankadaptor.experiment.ExecutionBackend;
import dev.rankadaptor.experiment.ExecutionSection;
import dev.rankadaptor.experiment.JournalRecord;
import dev.rankadaptor.experiment.ProjectFile;
import dev.rankadaptor.experiment.RunDirectory;
import dev.rankadaptor.experiment.SlurmJobSection;
import dev.rankadaptor.pipeline.TinyProjectFixture;
import dev.rankadaptor.pipeline.TrialJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A whole search with the slurm backend on the local cluster: two jobs at once, a trial whose worker
 * fails every time (retried, then recorded failed), a job whose worker JVM is killed with SIGKILL mid-trial
 * (retried, finished once), a job cancelled with scancel by the test (someone
 * else: retried), and the coordinator (a child {@code search} process) killed with SIGKILL while two
 * jobs run, then resumed: the final journal has every trial exactly once and no trial was trained twice.
 */
class SlurmSearchLiveTest {
    private static final int FAILING_TRIAL = 1;
    private static final int KILLED_TRIAL = 2;

    @Test
    void searchOnSlurmSurvivesAFailingTrialAForeignCancelAndAKilledCoordinator(@TempDir Path tmp) throws Exception {
        Map<String, String> env = new HashMap<>(LocalSlurmCluster.env());
        env.put("RANKADAPTOR_SLURM_DIR", System.getenv("RANKADAPTOR_SLURM_DIR"));
        env.put(TrialJob.FAIL_ENV, Integer.toString(FAILING_TRIAL));
        env.put(SlurmBackend.POLL_ENV, "1");
        SlurmClient client = new SlurmClient(env, Duration.ofSeconds(30));
        ProjectFile pf = TinyProjectFixture.create(tmp.resolve("p"), 4, 1, List.of("lora_uniform"));
        pf = ProjectFile.write(pf.path(), pf.project().withExecution(
                new ExecutionSection(ExecutionBackend.SLURM, 2, List.of(), 1, SlurmJobSection.defaults())));

        long t0 = System.nanoTime();
        Process search = coordinator(env, tmp.resolve("search.log"), "search", pf.path().toString());
        Path journal = null;
        String foreignCancelled = null;
        long killedWorker = -1;
        Set<String> inFlightAtKill = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (System.nanoTime() < deadline && search.isAlive()) {
            journal = journal != null ? journal : findJournal(pf.folder().resolve("runs"));
            if (journal != null) {
                List<JournalRecord> recs = records(journal);
                if (foreignCancelled == null) {
                    String id = handle(recs, 0, 1);
                    if (id != null && client.status(id).map(s -> s.state() == SlurmJobState.RUNNING).orElse(false)) {
                        scancel(env, id);
                        foreignCancelled = id;
                    }
                } else if (killedWorker < 0) {
                    String id = handle(recs, KILLED_TRIAL, 1);
                    if (id != null) {
                        killedWorker = killWorkerOfJob(id);
                    }
                } else if (finishedCount(recs) >= 1 && recs.stream().anyMatch(r -> r instanceof JournalRecord.TrialAttemptFailed f
                        && f.index() == KILLED_TRIAL && f.attempt() == 1)) {
                    // only once the killed worker's attempt is recorded failed: an attempt that died before the
                    // coordinator's kill is rightly dispatched again on resume, not adopted
                    Set<String> flying = inFlight(recs);
                    if (flying.size() == 2 && allRunning(client, recs, flying)) {
                        inFlightAtKill = flying;
                        break;
                    }
                }
            }
            Thread.sleep(100);
        }
        assertTrue(search.isAlive(), "the coordinator ended before it could be killed:\n" + Files.readString(tmp.resolve("search.log")));
        assertNotNull(inFlightAtKill, "never two jobs in flight after a finished trial:\n" + Files.readString(tmp.resolve("search.log")));
        search.destroyForcibly();   // SIGKILL: no shutdown hooks, its jobs run on
        assertTrue(search.waitFor(30, TimeUnit.SECONDS));
        List<JournalRecord> atKill = records(journal);

        Process resume = coordinator(env, tmp.resolve("resume.log"), "resume", journal.getParent().toString());
        assertTrue(resume.waitFor(240, TimeUnit.SECONDS), "resume did not finish:\n" + Files.readString(tmp.resolve("resume.log")));
        assertEquals(0, resume.exitValue(), Files.readString(tmp.resolve("resume.log")));
        System.out.printf("slurm search with kill and resume: %.1f s%n", (System.nanoTime() - t0) / 1e9);

        List<JournalRecord> all = records(journal);
        LocalWorkersTest.everyTrialExactlyOnce(all);
        assertEquals(2, LocalWorkersTest.mostInFlight(all), "two jobs at once");
        Map<Integer, List<JournalRecord>> endings = new TreeMap<>();
        for (JournalRecord r : all) {
            if (r instanceof JournalRecord.TrialFinished || r instanceof JournalRecord.TrialFailed) {
                endings.computeIfAbsent(index(r), k -> new ArrayList<>()).add(r);
            }
        }

        JournalRecord.TrialFailed failed = (JournalRecord.TrialFailed) endings.get(FAILING_TRIAL).get(0);
        assertEquals(2, failed.attempts(), failed.toString());
        assertTrue(failed.message().contains("Slurm job") && failed.message().contains("FAILED"), failed.message());
        assertTrue(failed.logTail().contains("fails on purpose"), failed.logTail());

        assertTrue(all.stream().anyMatch(r -> r instanceof JournalRecord.TrialAttemptFailed f && f.index() == 0
                && f.attempt() == 1 && f.reason().contains("cancelled by someone else")), "trial 0's scancel: " + all);
        assertTrue(endings.get(0).get(0) instanceof JournalRecord.TrialFinished, "trial 0 retried to the end");
        // kill -9 of the worker inside a running job: that attempt fails, the trial is run again and finishes once
        assertTrue(all.stream().anyMatch(r -> r instanceof JournalRecord.TrialAttemptFailed f && f.index() == KILLED_TRIAL
                && f.attempt() == 1), "trial " + KILLED_TRIAL + "'s killed worker (pid " + killedWorker + "): " + all);
        assertTrue(all.stream().anyMatch(r -> r instanceof JournalRecord.TrialDispatched d && d.index() == KILLED_TRIAL
                && d.attempt() == 2), "the killed trial is dispatched again");
        assertTrue(endings.get(KILLED_TRIAL).get(0) instanceof JournalRecord.TrialFinished, "and finishes");

        // the two jobs in flight at the kill were adopted: no later attempt of those trials was dispatched
        List<JournalRecord> afterKill = all.subList(atKill.size(), all.size());
        for (String key : inFlightAtKill) {
            int index = Integer.parseInt(key.split("/")[0]);
            assertFalse(afterKill.stream().anyMatch(r -> r instanceof JournalRecord.TrialDispatched d && d.index() == index),
                    "trial " + index + " was adopted, not dispatched again");
        }
        // none trained twice: one result file per finished trial, whatever the attempts
        for (var e : endings.entrySet()) {
            long results = countResultFiles(journal.getParent(), e.getKey());
            assertEquals(e.getValue().get(0) instanceof JournalRecord.TrialFinished ? 1 : 0, results, "trial " + e.getKey());
        }
    }

    @Test
    void searchWithSlurmIsRefusedAtStartWhenSbatchIsMissingOrTheControllerIsDead(@TempDir Path tmp) throws Exception {
        ProjectFile pf = TinyProjectFixture.create(tmp.resolve("p"), 2, 1, List.of());
        pf = ProjectFile.write(pf.path(), pf.project().withExecution(
                new ExecutionSection(ExecutionBackend.SLURM, 2, List.of(), 1, SlurmJobSection.defaults())));
        Path emptyBin = Files.createDirectories(tmp.resolve("bin"));
        Process noSbatch = coordinator(Map.of("PATH", emptyBin.toString()), tmp.resolve("a.log"), "search", pf.path().toString());
        assertTrue(noSbatch.waitFor(120, TimeUnit.SECONDS));
        String a = Files.readString(tmp.resolve("a.log"));
        assertEquals(2, noSbatch.exitValue(), a);
        assertTrue(a.contains("sbatch not found on PATH=" + emptyBin), a);

        if (new ProcessBuilder("sh", "-c", "command -v sinfo").start().waitFor() != 0) {
            LocalSlurmCluster.unavailable("Slurm's commands are not installed (tools/local-slurm.sh install)");
        }
        int port;
        try (java.net.ServerSocket sock = new java.net.ServerSocket(0)) {
            port = sock.getLocalPort();
        }
        Path conf = tmp.resolve("dead.conf");
        Files.writeString(conf, "ClusterName=dead\nSlurmctldHost=localhost(127.0.0.1)\nSlurmctldPort=" + port
                + "\nAuthType=auth/munge\nMessageTimeout=2\nNodeName=localhost CPUs=1\nPartitionName=p Nodes=localhost\n");
        Process dead = coordinator(Map.of("SLURM_CONF", conf.toString()), tmp.resolve("b.log"), "search", pf.path().toString());
        assertTrue(dead.waitFor(120, TimeUnit.SECONDS));
        String b = Files.readString(tmp.resolve("b.log"));
        assertEquals(2, dead.exitValue(), b);
        assertTrue(b.contains("the Slurm controller does not answer: `sinfo -h -o %R|%D` exited 1"), b);
        assertFalse(b.contains("\tat "), "a message, not a stack trace: " + b);
    }

    private static Process coordinator(Map<String, String> env, Path log, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx1g", "-D" + Engines.CACHE_PROPERTY + "=" + Engines.cacheDir(),
                "-cp", System.getProperty("java.class.path"), "dev.rankadaptor.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    /** SIGKILL of the trial worker JVM running for 1.5 s inside Slurm job {@code id} (found by its SLURM_JOB_ID); -1 if none yet. */
    private static long killWorkerOfJob(String id) throws IOException {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(d -> d.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmd = Files.readString(proc.resolve("cmdline"));
                    String env = "\0" + Files.readString(proc.resolve("environ"));
                    if (!cmd.contains("dev.rankadaptor.Main\0trial\0") || !env.contains("\0SLURM_JOB_ID=" + id + "\0")) {
                        continue;
                    }
                } catch (IOException | java.io.UncheckedIOException gone) {
                    continue;   // ended meanwhile, or not ours to read
                }
                long pid = Long.parseLong(proc.getFileName().toString());
                ProcessHandle worker = ProcessHandle.of(pid).orElse(null);
                boolean going = worker != null && worker.info().startInstant()
                        .map(t -> t.isBefore(java.time.Instant.now().minusMillis(1500))).orElse(false);
                if (going) {   // the worker JVM got going (engine, model) before it is killed
                    assertTrue(worker.destroyForcibly(), "kill -9 of worker " + pid);
                    return pid;
                }
            }
        }
        return -1;
    }

    private static void scancel(Map<String, String> env, String id) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("scancel", id).inheritIO();
        pb.environment().putAll(env);
        assertEquals(0, pb.start().waitFor());
    }

    /** "index/attempt" of every dispatched attempt with no ending (finished, failed, attempt failed) yet. */
    private static Set<String> inFlight(List<JournalRecord> recs) {
        Set<String> out = new HashSet<>();
        for (JournalRecord r : recs) {
            if (r instanceof JournalRecord.TrialDispatched d) {
                out.add(d.index() + "/" + d.attempt());
            } else if (r instanceof JournalRecord.TrialAttemptFailed f) {
                out.remove(f.index() + "/" + f.attempt());
            } else if (r instanceof JournalRecord.TrialFinished || r instanceof JournalRecord.TrialFailed) {
                int i = index(r);
                out.removeIf(k -> k.startsWith(i + "/"));
            }
        }
        return out;
    }

    private static boolean allRunning(SlurmClient client, List<JournalRecord> recs, Set<String> keys) {
        for (String k : keys) {
            String[] p = k.split("/");
            String id = handle(recs, Integer.parseInt(p[0]), Integer.parseInt(p[1]));
            if (id == null || !client.status(id).map(s -> s.state() == SlurmJobState.RUNNING).orElse(false)) {
                return false;
            }
        }
        return true;
    }

    private static String handle(List<JournalRecord> recs, int index, int attempt) {
        return recs.stream().filter(r -> r instanceof JournalRecord.TrialDispatched d && d.index() == index && d.attempt() == attempt)
                .map(r -> ((JournalRecord.TrialDispatched) r).handle()).findFirst().orElse(null);
    }

    private static int index(JournalRecord r) {
        return r instanceof JournalRecord.TrialFinished f ? f.index() : ((JournalRecord.TrialFailed) r).index();
    }

    private static long finishedCount(List<JournalRecord> recs) {
        return recs.stream().filter(r -> r instanceof JournalRecord.TrialFinished).count();
    }

    private static List<JournalRecord> records(Path journal) {
        return LocalWorkersTest.journal(journal.getParent());
    }

    private static long countResultFiles(Path run, int index) throws IOException {
        Path d = run.resolve(RunDirectory.TRIALS).resolve(Integer.toString(index));
        if (!Files.isDirectory(d)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(d)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".result.json")).count();
        }
    }

    private static Path findJournal(Path runs) throws IOException {
        if (!Files.isDirectory(runs)) {
            return null;
        }
        try (Stream<Path> s = Files.list(runs)) {
            return s.map(p -> p.resolve(RunDirectory.JOURNAL)).filter(Files::isRegularFile).findFirst().orElse(null);
        }
    }
}

package dev.rankadaptor.execution.slurm;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SlurmClient against the real single-node cluster of tools/local-slurm.sh (see LocalSlurmCluster). */
class SlurmClientLiveTest {
    private static SlurmClient client;
    private static Map<String, String> env;

    @TempDir
    static Path work;

    @BeforeAll
    static void cluster() {
        env = LocalSlurmCluster.env();
        client = new SlurmClient(env, Duration.ofSeconds(30));
    }

    @Test
    void preflightSeesThePartitionAndTheNode() {
        SlurmClusterInfo info = client.preflight();
        assertTrue(info.version().startsWith("slurm"), info.version());
        assertTrue(info.partitions().contains("debug"), info.partitions().toString());
        assertEquals(1, info.nodes());
    }

    @Test
    void jobRunsToCompletedAndWritesItsLog() throws Exception {
        Path out = work.resolve("ok.log");
        String id = submit("ra-test-ok", out, List.of("bash", "-c", "echo hello from $SLURM_JOB_ID; sleep 1"), List.of());
        Map<String, SlurmJobStatus> listed = client.queueStates(List.of(id, "987654321"));
        assertEquals(List.of(id), List.copyOf(listed.keySet()), "one squeue for several jobs leaves unknown ones out");
        assertEquals("ra-test-ok", listed.get(id).name());
        SlurmJobStatus s = until(id, st -> st.state().terminal());
        assertEquals(SlurmJobState.COMPLETED, s.state(), s.describe());
        assertEquals(0, s.exitCode());
        assertEquals("ra-test-ok", s.name());
        assertTrue(Files.readString(out).contains("hello from " + id), Files.readString(out));
    }

    @Test
    void nonZeroExitIsFailedWithItsCodeAndReason() throws Exception {
        String id = submit("ra-test-fail", work.resolve("fail.log"), List.of("bash", "-c", "echo doomed; exit 3"), List.of());
        SlurmJobStatus s = until(id, st -> st.state().terminal());
        assertEquals(SlurmJobState.FAILED, s.state(), s.describe());
        assertEquals(3, s.exitCode());
        assertEquals("NonZeroExitCode", s.reason());
    }

    @Test
    void scancelEndsARunningJobAsCancelled() throws Exception {
        String id = submit("ra-test-cancel", work.resolve("cancel.log"), List.of("sleep", "120"), List.of());
        SlurmJobStatus running = until(id, st -> st.state() == SlurmJobState.RUNNING || st.state().terminal());
        assertEquals(SlurmJobState.RUNNING, running.state(), running.describe());
        assertEquals(List.of(id), client.jobsNamed("ra-test-cancel"));
        client.cancel(id);
        SlurmJobStatus s = until(id, st -> st.state().terminal());
        assertEquals(SlurmJobState.CANCELLED, s.state(), s.describe());
        client.cancel(id);   // cancelling an ended job is no error
    }

    @Test
    void timeLimitEndsInTimeout() throws Exception {
        // --time=1 is one minute; Slurm checks limits about every 30 s, so the job ends within ~1.5 min
        // of its start. Run it only where the cluster's own tests allow that long (CI's .ci/run does).
        if (!"true".equalsIgnoreCase(System.getenv("RANKADAPTOR_SLURM_SLOW_TESTS"))) {
            org.junit.jupiter.api.Assumptions.abort("TIMEOUT test needs RANKADAPTOR_SLURM_SLOW_TESTS=true (takes ~1-2 min)");
        }
        String id = submit("ra-test-timeout", work.resolve("timeout.log"), List.of("sleep", "300"), List.of("#SBATCH --time=1"));
        SlurmJobStatus s = until(id, st -> st.state().terminal(), 180);
        assertEquals(SlurmJobState.TIMEOUT, s.state(), s.describe());
    }

    @Test
    void sbatchRefusalSaysWhy() {
        SlurmCommandException e = assertThrows(SlurmCommandException.class, () -> submit("ra-test-big",
                work.resolve("big.log"), List.of("true"), List.of("#SBATCH --cpus-per-task=4096")));
        assertTrue(e.getMessage().startsWith("sbatch refused the job: `sbatch --parsable"), e.getMessage());
        assertTrue(e.getMessage().contains("exited 1"), e.getMessage());
    }

    @Test
    void testSubmitChecksTheTemplateWithoutCreatingAJob() throws Exception {
        Path ok = work.resolve("probe-ok.sbatch");
        Files.writeString(ok, new SlurmJobScript("ra-probe", work, work.resolve("probe.log"), Map.of(), List.of("true"))
                .render(List.of("#SBATCH --partition=debug", "#SBATCH --time=5")));
        client.testSubmit(ok);
        assertEquals(List.of(), client.jobsNamed("ra-probe"));
        Path bad = work.resolve("probe-bad.sbatch");
        Files.writeString(bad, new SlurmJobScript("ra-probe", work, work.resolve("probe.log"), Map.of(), List.of("true"))
                .render(List.of("#SBATCH --partition=nosuchpartition")));
        SlurmCommandException e = assertThrows(SlurmCommandException.class, () -> client.testSubmit(bad));
        assertTrue(e.getMessage().contains("invalid partition specified: nosuchpartition"), e.getMessage());
    }

    @Test
    void unknownJobHasNoStatus() {
        assertEquals(Optional.empty(), client.status("987654321"));
    }

    @Test
    void purgedJobIsFoundInTheJobCompletionFile() throws Exception {
        int minJobAge = minJobAge();
        if (minJobAge > 30) {
            LocalSlurmCluster.unavailable("MinJobAge is " + minJobAge + " s here; the purge test needs <= 30"
                    + " (start the cluster with RANKADAPTOR_SLURM_JOB_AGE=10, as .ci/run does)");
        }
        String id = submit("ra-test-purged", work.resolve("purged.log"), List.of("bash", "-c", "exit 4"), List.of());
        long deadline = System.currentTimeMillis() + (minJobAge + 90) * 1000L;
        SlurmJobStatus s;
        do {
            Thread.sleep(1000);
            s = client.status(id).orElseThrow();
        } while (!s.source().equals("jobcomp") && System.currentTimeMillis() < deadline);
        assertEquals("jobcomp", s.source(), "the controller did not purge the job in time: " + s.describe());
        assertEquals(SlurmJobState.FAILED, s.state());
        assertEquals(4, s.exitCode());
        assertEquals("ra-test-purged", s.name());
    }

    private static int minJobAge() {
        SlurmCommandResult r = new SlurmShell(env, Duration.ofSeconds(30)).run("scontrol", "show", "config");
        assertTrue(r.ok(), r.describe());
        return r.stdout().lines().filter(l -> l.startsWith("MinJobAge")).map(l -> l.replaceAll("\\D", ""))
                .map(Integer::parseInt).findFirst().orElseThrow();
    }

    private static String submit(String name, Path log, List<String> command, List<String> lines) {
        Path script = work.resolve(name + ".sbatch");
        try {
            Files.writeString(script, new SlurmJobScript(name, work, log, Map.of(), command).render(lines));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String id = client.submit(script);
        assertFalse(id.isBlank());
        return id;
    }

    private static SlurmJobStatus until(String id, Predicate<SlurmJobStatus> done) throws InterruptedException {
        return until(id, done, 60);
    }

    private static SlurmJobStatus until(String id, Predicate<SlurmJobStatus> done, int seconds) throws InterruptedException {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        SlurmJobStatus s = null;
        while (System.currentTimeMillis() < deadline) {
            s = client.status(id).orElseThrow(() -> new AssertionError("Slurm does not know job " + id));
            if (done.test(s)) {
                return s;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("job " + id + " still " + (s == null ? "?" : s.describe()) + " after " + seconds + " s");
    }
}

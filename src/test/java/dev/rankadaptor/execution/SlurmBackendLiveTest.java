package dev.rankadaptor.execution;

import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.compute.DeviceChoice;
import dev.rankadaptor.execution.slurm.LocalSlurmCluster;
import dev.rankadaptor.execution.slurm.SlurmClient;
import dev.rankadaptor.experiment.ExecutionBackend;
import dev.rankadaptor.experiment.ExecutionSection;
import dev.rankadaptor.experiment.Journal;
import dev.rankadaptor.experiment.JournalRecord;
import dev.rankadaptor.experiment.ProjectFile;
import dev.rankadaptor.experiment.RunDirectory;
import dev.rankadaptor.experiment.SlurmJobSection;
import dev.rankadaptor.pipeline.PruneStage;
import dev.rankadaptor.pipeline.RunListener;
import dev.rankadaptor.pipeline.TinyProjectFixture;
import dev.rankadaptor.pipeline.TrialJob;
import dev.rankadaptor.pipeline.TrialPool;
import dev.rankadaptor.pipeline.TrialSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The slurm backend under the shared pool, every attempt a real job on the local cluster running the
 * real trial worker: two jobs at once, a worker that fails (retried, then failed with the job's state
 * and the log's tail), a job scancel'ed by someone else (retried, then finished), and a second pool
 * (a new coordinator) adopting a running job from its dispatch record without submitting another.
 */
class SlurmBackendLiveTest {
    private static final int[] RANKS = {2, 4, 6, 2};

    @Test
    void poolOverRealJobsRetriesFailuresAndForeignCancelsAndAdoptsRunningJobs(@TempDir Path tmp) throws Exception {
        Map<String, String> env = new HashMap<>(LocalSlurmCluster.env());
        env.put(TrialJob.FAIL_ENV, "1");
        SlurmClient client = new SlurmClient(env, Duration.ofSeconds(30));
        ProjectFile pf = TinyProjectFixture.create(tmp.resolve("p"), 4, 1, List.of());
        ExecutionSection exec = new ExecutionSection(ExecutionBackend.SLURM, 2, List.of(), 1, SlurmJobSection.defaults());
        pf = ProjectFile.write(pf.path(), pf.project().withExecution(exec));
        try (RunDirectory dir = RunDirectory.create(pf)) {
            try (Journal j = dir.openJournal()) {
                new PruneStage(dir, pf, j, RunListener.NONE).ensurePruned(DeviceChoice.parse("cpu").resolve().device(),
                        CancellationToken.none());
            }
            List<JournalRecord> events = new CopyOnWriteArrayList<>();
            TrialPool.Events sink = sink(events);
            SlurmBackend backend = new SlurmBackend(dir, exec, WorkerLaunch.current(), client, 1);
            backend.checkAvailable();
            BackendPool pool = new BackendPool(dir, backend, exec.retries(), sink);
            for (int i = 0; i < 3; i++) {
                pool.submit(spec(dir, i), List.of());
            }
            Map<Integer, TrialPool.Completion> done = new ConcurrentHashMap<>();
            Thread coordinator = new Thread(() -> {
                for (int i = 0; i < 3; i++) {
                    TrialPool.Completion c = pool.await(CancellationToken.none());
                    done.put(c.spec().index(), c);
                }
            }, "test-coordinator");
            coordinator.start();
            // trial 2's first job is cancelled by someone else (not the run) as soon as it runs
            long deadline = System.currentTimeMillis() + 240_000;
            String foreignId = null;
            while (foreignId == null && System.currentTimeMillis() < deadline && coordinator.isAlive()) {
                String id = dispatchedId(events, 2, 1);
                if (id != null && runningNow(client, id)) {
                    ProcessBuilder pb = new ProcessBuilder("scancel", id).inheritIO();
                    pb.environment().putAll(env);
                    assertEquals(0, pb.start().waitFor());
                    foreignId = id;
                }
                Thread.sleep(200);
            }
            coordinator.join(Math.max(1, deadline - System.currentTimeMillis()));
            assertEquals(3, done.size(), "trials back: " + done.keySet() + ", events " + events);
            assertNotNull(foreignId, "trial 2 never ran: " + events);

            assertNotNull(done.get(0).result());
            assertEquals(1, attemptsOf(events, 0));

            JournalRecord.TrialFailed failed = done.get(1).failure();
            assertNotNull(failed, "trial 1 fails on purpose");
            assertEquals(2, failed.attempts());
            assertTrue(failed.message().contains("FAILED (NonZeroExitCode"), failed.message());
            assertTrue(failed.logTail().contains("fails on purpose"), failed.logTail());

            assertNotNull(done.get(2).result(), "the job cancelled by someone else is retried and finishes");
            JournalRecord.TrialAttemptFailed foreign = (JournalRecord.TrialAttemptFailed) events.stream()
                    .filter(r -> r instanceof JournalRecord.TrialAttemptFailed f && f.index() == 2).findFirst().orElseThrow();
            assertTrue(foreign.reason().contains("cancelled by someone else"), foreign.reason());
            assertEquals(2, attemptsOf(events, 2));
            assertEquals(2, done.get(2).result().index());

            // a coordinator that dispatched trial 3 was killed (no close(): its job runs on); a new
            // one adopts the job from the dispatch record instead of submitting another
            TrialHandle h3 = backend.submit(spec(dir, 3), 1, 0);
            JournalRecord.TrialDispatched rec = new JournalRecord.TrialDispatched(3, 1, backend.name(), h3.id(), h3.where());
            List<JournalRecord> events2 = new CopyOnWriteArrayList<>();
            BackendPool pool2 = new BackendPool(dir, new SlurmBackend(dir, exec, WorkerLaunch.current(), client, 1),
                    exec.retries(), sink(events2));
            pool2.submit(spec(dir, 3), List.of(rec));
            TrialPool.Completion c3 = pool2.await(CancellationToken.none());
            assertNotNull(c3.result(), "adopted job: " + c3.failure());
            assertEquals(List.of(), events2, "adopting must not dispatch again");
            assertEquals(List.of(h3.id()), client.jobsNamed(backend.jobName(3, 1)));
            pool2.close();
        }
    }

    @Test
    void templateTheClusterCannotRunIsRefusedAtStart(@TempDir Path tmp) {
        SlurmClient client = new SlurmClient(LocalSlurmCluster.env(), Duration.ofSeconds(30));
        ProjectFile pf = TinyProjectFixture.create(tmp.resolve("p"), 2, 1, List.of());
        try (RunDirectory dir = RunDirectory.create(pf)) {
            for (var bad : List.of(new SlurmJobSection("nosuchpartition", "", 1, "", "", "", List.of()),
                    new SlurmJobSection("", "gpu:1", 1, "", "", "", List.of()))) {
                ExecutionSection exec = new ExecutionSection(ExecutionBackend.SLURM, 2, List.of(), 1, bad);
                SlurmBackend backend = new SlurmBackend(dir, exec, WorkerLaunch.current(), client, 1);
                var e = org.junit.jupiter.api.Assertions.assertThrows(dev.rankadaptor.common.UserInputException.class,
                        backend::checkAvailable);
                assertTrue(e.getMessage().startsWith("execution.slurm: the cluster refuses the job template: `sbatch --test-only"),
                        e.getMessage());
            }
        }
    }

    /** Journal events of a pool, collected in arrival order. */
    private static TrialPool.Events sink(List<JournalRecord> into) {
        return new TrialPool.Events() {
            @Override
            public void dispatched(JournalRecord.TrialDispatched r) {
                into.add(r);
            }

            @Override
            public void attemptFailed(JournalRecord.TrialAttemptFailed r) {
                into.add(r);
            }
        };
    }

    private static TrialSpec spec(RunDirectory dir, int index) {
        return new TrialSpec(dir.path(), index, "manual", "search", RANKS, 7 + index, false, null, null);
    }

    private static String dispatchedId(List<JournalRecord> events, int index, int attempt) {
        return events.stream().filter(r -> r instanceof JournalRecord.TrialDispatched d && d.index() == index
                && d.attempt() == attempt).map(r -> ((JournalRecord.TrialDispatched) r).handle()).findFirst().orElse(null);
    }

    private static long attemptsOf(List<JournalRecord> events, int index) {
        return events.stream().filter(r -> r instanceof JournalRecord.TrialDispatched d && d.index() == index).count();
    }

    private static boolean runningNow(SlurmClient client, String id) {
        return client.status(id).map(s -> s.state() == dev.rankadaptor.execution.slurm.SlurmJobState.RUNNING).orElse(false);
    }
}

package dev.rankadaptor.execution;

import dev.rankadaptor.experiment.RecoveryMethod;
import dev.rankadaptor.search.TrialPhase;
import dev.rankadaptor.common.UserInputException;
import dev.rankadaptor.execution.slurm.LocalSlurmCluster;
import dev.rankadaptor.execution.slurm.SlurmClient;
import dev.rankadaptor.experiment.ExecutionBackend;
import dev.rankadaptor.experiment.ExecutionSection;
import dev.rankadaptor.experiment.ProjectFile;
import dev.rankadaptor.experiment.RunDirectory;
import dev.rankadaptor.experiment.SlurmJobSection;
import dev.rankadaptor.pipeline.TinyProjectFixture;
import dev.rankadaptor.pipeline.TrialSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The slurm backend's own bookkeeping against the local cluster, without the pool: one job per
 * attempt even when a second coordinator submits the same attempt (it takes the job over), a new
 * attempt is a new job, close() cancels what runs, the job's output is the attempt's log, and a
 * template the cluster refuses stops the run at start. Retries, foreign cancels and a killed
 * coordinator over real trial workers: SlurmSearchLiveTest.
 */
class SlurmBackendLiveTest {
    private static final int[] RANKS = {2, 4, 6, 2};

    @Test
    void eachAttemptIsSubmittedOnceEvenByASecondCoordinatorAndCloseCancelsWhatRuns(@TempDir Path tmp) throws Exception {
        SlurmClient client = new SlurmClient(LocalSlurmCluster.env(), Duration.ofSeconds(30));
        ProjectFile pf = TinyProjectFixture.create(tmp.resolve("p"), 2, 1, List.of());
        ExecutionSection exec = new ExecutionSection(ExecutionBackend.SLURM, 2, List.of(), 1, SlurmJobSection.defaults());
        // a stand-in worker (bash instead of java) that runs until cancelled: no JVM needed to test the job bookkeeping
        WorkerLaunch sleeper = new WorkerLaunch("/bin/bash", List.of("-c", "echo worker of $0 $*; sleep 120"), "-", "worker",
                Map.of("RANKADAPTOR_THREADS", "1"));
        try (RunDirectory dir = RunDirectory.create(pf)) {
            TrialSpec spec = new TrialSpec(dir.path(), 0, RecoveryMethod.MANUAL, TrialPhase.SEARCH, RANKS, 7, false, null, null);
            SlurmBackend first = new SlurmBackend(dir, exec, sleeper, client, 0.2);
            first.checkAvailable();
            TrialHandle h1 = first.submit(spec, 1, 0);
            assertTrue(Files.readString(dir.trialDir(0).resolve("attempt-1.sbatch")).contains("#SBATCH --job-name="
                    + first.jobName(0, 1)));
            JobStatus st = first.poll(h1);
            long deadline = System.currentTimeMillis() + 60_000;
            while (st.state() != JobState.RUNNING && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
                st = first.poll(h1);
            }
            assertEquals(JobState.RUNNING, st.state(), st.toString());

            // a coordinator killed after sbatch but before journalling the id: the next one takes the job over
            SlurmBackend second = new SlurmBackend(dir, exec, sleeper, client, 0.2);
            TrialHandle again = second.submit(spec, 1, 0);
            assertEquals(h1.id(), again.id(), "the same attempt is never submitted twice");
            assertEquals(List.of(h1.id()), client.jobsNamed(first.jobName(0, 1)));
            TrialHandle next = second.submit(spec, 2, 1);
            assertTrue(!next.id().equals(h1.id()), "a new attempt is a new job");

            second.close();   // stops what it started or took over
            do {
                Thread.sleep(200);
                st = first.poll(h1);
            } while (!st.state().ended() && System.currentTimeMillis() < deadline);
            assertEquals(JobState.CANCELLED, st.state(), st.toString());
            assertTrue(st.reason().contains("Slurm job " + h1.id()), st.reason());
            dev.rankadaptor.execution.slurm.SlurmJobState nextState = client.status(next.id()).orElseThrow().state();
            while (nextState == dev.rankadaptor.execution.slurm.SlurmJobState.COMPLETING && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);   // slurmd is still tearing the cancelled job down
                nextState = client.status(next.id()).orElseThrow().state();
            }
            assertEquals(dev.rankadaptor.execution.slurm.SlurmJobState.CANCELLED, nextState);
            assertTrue(Files.readString(dir.trialLogFile(0, 1)).contains("worker of"), "the job's output is the attempt's log");
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
                UserInputException e = assertThrows(UserInputException.class,
                        backend::checkAvailable);
                assertTrue(e.getMessage().startsWith("execution.slurm: the cluster refuses the job template: `sbatch --test-only"),
                        e.getMessage());
            }
        }
    }
}

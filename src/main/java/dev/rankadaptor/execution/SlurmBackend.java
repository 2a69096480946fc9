package dev.rankadaptor.execution;

import dev.rankadaptor.common.AtomicFiles;
import dev.rankadaptor.common.InvalidFieldException;
import dev.rankadaptor.common.UserInputException;
import dev.rankadaptor.execution.slurm.SlurmClient;
import dev.rankadaptor.execution.slurm.SlurmClusterInfo;
import dev.rankadaptor.execution.slurm.SlurmCommandException;
import dev.rankadaptor.execution.slurm.SlurmJobScript;
import dev.rankadaptor.execution.slurm.SlurmJobStatus;
import dev.rankadaptor.experiment.ExecutionSection;
import dev.rankadaptor.experiment.JournalRecord;
import dev.rankadaptor.experiment.RunDirectory;
import dev.rankadaptor.experiment.SlurmJobSection;
import dev.rankadaptor.pipeline.TrialSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code slurm} backend: every trial attempt is one batch job running the same {@code trial}
 * worker command as a local worker, from the project's job template ({@code execution.slurm}). The
 * job id is the handle the journal keeps, so a resumed coordinator adopts jobs that still run or
 * ended meanwhile. The job is named {@code ra-<run id>-t<index>-a<attempt>}: before submitting,
 * the backend asks Slurm for a job of that name and takes it over if one exists (submitted by a
 * coordinator killed before it could record the id), so an attempt never runs twice.
 * <p>
 * The run folder must be on a filesystem the nodes share at the same path: the job writes its log
 * and result file there, and the coordinator reads them. On a cluster of more than one node a run
 * folder under /tmp, /var/tmp or /dev/shm (or on tmpfs) is refused at start; a job that COMPLETED
 * but whose result file does not become visible within {@link #RESULT_GRACE_MILLIS} fails with a
 * message saying so.
 */
public final class SlurmBackend implements TrialBackend {
    /** How long a COMPLETED job's result file may take to appear here (NFS attribute caches), on multi-node clusters. */
    static final long RESULT_GRACE_MILLIS = 60_000;
    /** How long the controller may not answer before a job counts as gone. */
    static final long CONTROLLER_SILENCE_MILLIS = 10 * 60_000;
    /** Seconds between two looks at the queue (one squeue for all jobs); default 5, to spare the controller. */
    public static final String POLL_ENV = "RANKADAPTOR_SLURM_POLL_SECONDS";

    private final RunDirectory dir;
    private final ExecutionSection execution;
    private final WorkerLaunch launch;
    private final SlurmClient client;
    private final Set<String> live = new LinkedHashSet<>();
    private final Set<String> cancelledByUs = new LinkedHashSet<>();
    private final Map<String, Long> completedAt = new HashMap<>();
    private final Map<String, Optional<SlurmJobStatus>> seen = new HashMap<>();
    private final long pollMillis;
    private long refreshedAt;
    private long silentSince = -1;
    private int nodes = 1;

    public SlurmBackend(RunDirectory dir, ExecutionSection execution, WorkerLaunch launch) {
        this(dir, execution, launch, SlurmClient.fromEnvironment(), pollSeconds(System.getenv(POLL_ENV)));
    }

    /** With a client of its own environment (tests: the local cluster's SLURM_CONF) and poll interval. */
    public SlurmBackend(RunDirectory dir, ExecutionSection execution, WorkerLaunch launch, SlurmClient client,
                        double pollSeconds) {
        this.dir = dir;
        this.execution = execution;
        this.launch = launch;
        this.client = client;
        this.pollMillis = Math.round(pollSeconds * 1000);
    }

    private static double pollSeconds(String text) {
        if (text == null || text.isBlank()) {
            return 5;
        }
        try {
            double v = Double.parseDouble(text.strip());
            if (v > 0 && v <= 3600) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UserInputException(POLL_ENV + ": must be a number of seconds in (0, 3600], was '" + text + "'");
    }

    @Override
    public String name() {
        return "slurm";
    }

    @Override
    public int slots() {
        return execution.workers();
    }

    @Override
    public void checkAvailable() {
        sbatchLines(execution.slurm());
        SlurmClusterInfo info = client.preflight();
        nodes = Math.max(1, info.nodes());
        if (!Path.of(launch.java()).isAbsolute() || !Files.isExecutable(Path.of(launch.java()))) {
            throw new UserInputException("execution.backend slurm: the worker's java " + launch.java()
                    + " is not an executable absolute path (jobs run it on the nodes at the same path)");
        }
        if (nodes > 1) {
            sharedFolderCheck(dir.path(), nodes);
        }
        // the template as every trial's job will carry it, checked by the controller without creating a job
        Path probe = dir.path().resolve(RunDirectory.TRIALS).resolve("template-check.sbatch");
        AtomicFiles.writeString(probe, new SlurmJobScript("ra-" + dir.id() + "-check", dir.path(),
                dir.path().resolve(RunDirectory.TRIALS).resolve("template-check.log"), Map.of(), List.of("true"))
                .render(sbatchLines(execution.slurm())));
        try {
            client.testSubmit(probe);
        } catch (SlurmCommandException e) {
            throw new SlurmCommandException("execution.slurm: " + e.getMessage());
        }
    }

    /** Refuses a run folder that other nodes cannot see (node-local temporary folders). */
    static void sharedFolderCheck(Path runFolder, int nodes) {
        Path p = runFolder.toAbsolutePath().normalize();
        String type;
        try {
            type = Files.getFileStore(p).type();
        } catch (IOException e) {
            type = "";
        }
        for (String local : List.of("/tmp", "/var/tmp", "/dev/shm")) {
            if (p.startsWith(local) || type.equals("tmpfs")) {
                throw new UserInputException("execution.backend slurm: the run folder " + p + " is in " + local
                        + (type.isEmpty() ? "" : " (" + type + ")") + ", which is local to each node, but the cluster has "
                        + nodes + " nodes; put the project on a filesystem every node mounts at the same path"
                        + " (home, project or scratch space), see docs/parallel-trials.md");
            }
        }
    }

    @Override
    public TrialHandle submit(TrialSpec spec, int attempt, int slot) {
        String name = jobName(spec.index(), attempt);
        List<String> existing = client.jobsNamed(name);
        String id;
        if (!existing.isEmpty()) {
            id = existing.get(existing.size() - 1);
        } else {
            Path log = dir.trialLogFile(spec.index(), attempt);
            Path script = dir.trialDir(spec.index()).resolve("attempt-" + attempt + ".sbatch");
            try {
                Files.createDirectories(log.getParent());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + log.getParent() + ": " + e.getMessage(), e);
            }
            SlurmJobScript job = new SlurmJobScript(name, dir.path(), log, launch.env(),
                    launch.argv(spec, attempt, device()));
            AtomicFiles.writeString(script, job.render(sbatchLines(execution.slurm())));
            id = client.submit(script);
        }
        live.add(id);
        return new TrialHandle(spec.index(), attempt, id, slot, "", System.currentTimeMillis());
    }

    @Override
    public JobStatus poll(TrialHandle h) {
        long now = System.currentTimeMillis();
        if (now - refreshedAt >= pollMillis || !seen.containsKey(h.id())) {
            try {
                refresh(h.id());
                silentSince = -1;
            } catch (SlurmCommandException e) {
                refreshedAt = now;      // ask again after the interval, not at the next 100 ms tick
                silentSince = silentSince < 0 ? now : silentSince;
                if (now - silentSince < CONTROLLER_SILENCE_MILLIS) {
                    return new JobStatus(JobState.RUNNING, "", h.where());
                }
                return ended(h, new JobStatus(JobState.GONE, e.getMessage(), h.where()));
            }
        }
        Optional<SlurmJobStatus> found = seen.get(h.id());
        if (found.isEmpty()) {
            return ended(h, new JobStatus(JobState.GONE, "Slurm no longer knows job " + h.id()
                    + " (purged, and neither sacct nor a job completion file has it)", h.where()));
        }
        SlurmJobStatus s = found.get();
        String where = s.nodes().isEmpty() ? h.where() : s.nodes();
        return switch (s.state()) {
            case PENDING -> new JobStatus(JobState.QUEUED, s.reason(), where);
            case RUNNING, COMPLETING -> new JobStatus(JobState.RUNNING, "", where);
            case COMPLETED -> completed(h, s, where);
            case CANCELLED -> ended(h, new JobStatus(JobState.CANCELLED, "Slurm job " + h.id() + " "
                    + (cancelledByUs.contains(h.id()) ? "cancelled by the run" : s.describe() + ", cancelled by someone else (scancel)"),
                    where));
            default -> ended(h, new JobStatus(JobState.FAILED, "Slurm job " + h.id() + " " + s.describe(), where));
        };
    }

    /** One squeue for every live job; the full record (exit code, reason) only for jobs that ended or left the queue. */
    private void refresh(String also) {
        Set<String> ids = new LinkedHashSet<>(live);
        ids.add(also);
        Map<String, SlurmJobStatus> queue = client.queueStates(ids);
        for (String id : ids) {
            SlurmJobStatus q = queue.get(id);
            seen.put(id, q != null && !q.state().terminal() ? Optional.of(q) : client.status(id));
        }
        refreshedAt = System.currentTimeMillis();
    }

    private JobStatus completed(TrialHandle h, SlurmJobStatus s, String where) {
        if (nodes > 1 && !Files.exists(dir.trialResultFile(h.index(), h.attempt()))) {
            long first = completedAt.computeIfAbsent(h.id(), k -> System.currentTimeMillis());
            if (System.currentTimeMillis() - first < RESULT_GRACE_MILLIS) {
                return new JobStatus(JobState.RUNNING, "", where);
            }
            return ended(h, new JobStatus(JobState.FAILED, "Slurm job " + h.id() + " COMPLETED on " + where
                    + " but its result file " + dir.trialResultFile(h.index(), h.attempt()) + " is not visible here after "
                    + RESULT_GRACE_MILLIS / 1000 + " s: is the run folder on a filesystem the nodes share?", where));
        }
        return ended(h, new JobStatus(JobState.SUCCEEDED, "", where));
    }

    private JobStatus ended(TrialHandle h, JobStatus status) {
        live.remove(h.id());
        completedAt.remove(h.id());
        seen.remove(h.id());
        return status;
    }

    @Override
    public void cancel(TrialHandle h) {
        cancelledByUs.add(h.id());
        live.remove(h.id());
        try {
            client.cancel(h.id());
        } catch (SlurmCommandException e) {
            System.err.println("warning: " + e.getMessage());
        }
    }

    @Override
    public Optional<TrialHandle> adopt(JournalRecord.TrialDispatched recorded, TrialSpec spec, int slot) {
        Optional<SlurmJobStatus> s = client.status(recorded.handle());
        String expected = jobName(spec.index(), recorded.attempt());
        if (s.isEmpty() || !(s.get().name().isEmpty() || s.get().name().equals(expected))) {
            return Optional.empty();
        }
        live.add(recorded.handle());
        String where = s.get().nodes().isEmpty() ? recorded.worker() : s.get().nodes();
        return Optional.of(new TrialHandle(spec.index(), recorded.attempt(), recorded.handle(), slot, where,
                System.currentTimeMillis()));
    }

    @Override
    public void close() {
        for (String id : List.copyOf(live)) {
            cancelledByUs.add(id);
            try {
                client.cancel(id);
            } catch (SlurmCommandException e) {
                System.err.println("warning: " + e.getMessage());
            }
        }
        live.clear();
    }

    /** {@code ra-<run id>-t<index>-a<attempt>}: unique per run, trial and attempt. */
    String jobName(int index, int attempt) {
        return "ra-" + dir.id().replaceAll("[^A-Za-z0-9_.-]", "_") + "-t" + index + "-a" + attempt;
    }

    /** Inside a job Slurm shows only the GPUs it granted, so "cuda" is the first of them; no gpu gres = CPU. */
    private String device() {
        return execution.slurm().gres().toLowerCase(Locale.ROOT).contains("gpu") ? "cuda" : "cpu";
    }

    /** Options the backend sets itself: a template line setting one is refused. */
    private static final List<String> RESERVED = List.of("--output", "-o", "--error", "-e", "--job-name", "-J",
            "--chdir", "-D", "--array", "-a", "--requeue", "--no-requeue", "--parsable", "--wrap", "--open-mode");

    /** The template's {@code #SBATCH} lines, in a fixed order; empty fields leave the cluster's default. */
    static List<String> sbatchLines(SlurmJobSection t) {
        List<String> out = new ArrayList<>();
        if (!t.partition().isEmpty()) {
            out.add("#SBATCH --partition=" + t.partition());
        }
        if (!t.account().isEmpty()) {
            out.add("#SBATCH --account=" + t.account());
        }
        if (!t.gres().isEmpty()) {
            out.add("#SBATCH --gres=" + t.gres());
        }
        out.add("#SBATCH --cpus-per-task=" + t.cpusPerTask());
        if (!t.mem().isEmpty()) {
            out.add("#SBATCH --mem=" + t.mem());
        }
        if (!t.timeLimit().isEmpty()) {
            out.add("#SBATCH --time=" + t.timeLimit());
        }
        List<String> extra = t.extraSbatchLines();
        for (int i = 0; i < extra.size(); i++) {
            String option = extra.get(i).split("[=\\s]", 2)[0];
            if (RESERVED.contains(option)) {
                throw new InvalidFieldException("execution.slurm.extra_sbatch_lines[" + i + "]", option
                        + " is set by the slurm backend itself (job name, log file, folder, requeue); remove this line");
            }
            out.add("#SBATCH " + extra.get(i));
        }
        return out;
    }
}

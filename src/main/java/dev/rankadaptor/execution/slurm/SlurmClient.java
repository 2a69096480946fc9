package dev.rankadaptor.execution.slurm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Submits, watches and cancels batch jobs through Slurm's own commands; no scheduler logic of its own.
 * A job's state comes from the first source that still knows it: {@code squeue} (pending, running and
 * recently finished jobs), {@code scontrol show job} (adds the exit code and reason), then, once the
 * controller has purged the job (after MinJobAge), {@code sacct} where accounting is on, else the
 * job completion file that {@code scontrol show config} names (jobcomp/filetxt).
 */
public final class SlurmClient {
    /** The commands the backend uses; all must be on the PATH. */
    public static final List<String> COMMANDS = List.of("sbatch", "squeue", "scontrol", "scancel", "sinfo");

    private final SlurmShell shell;
    private volatile Optional<Path> jobcompFile;

    /**
     * @param envOverrides variables that replace this process's environment for every command
     *                     (e.g. SLURM_CONF, PATH); a null value removes one
     * @param timeout      how long one command may take before it counts as "not answering"
     */
    public SlurmClient(Map<String, String> envOverrides, Duration timeout) {
        this.shell = new SlurmShell(envOverrides, timeout);
    }

    /** The environment as it is, 60 s per command. */
    public static SlurmClient fromEnvironment() {
        return new SlurmClient(Map.of(), Duration.ofSeconds(60));
    }

    /** The environment the commands (and so the jobs, which inherit it through sbatch) run with. */
    public Map<String, String> environment() {
        return shell.environment();
    }

    /**
     * Checks that every command is there and the controller answers, before a run relies on them.
     *
     * @throws SlurmCommandException naming the command that failed and how
     */
    public SlurmClusterInfo preflight() {
        String conf = shell.environment().get("SLURM_CONF");
        if (conf != null && !conf.isBlank() && !Files.isRegularFile(Path.of(conf))) {
            throw new SlurmCommandException("Slurm is not usable: SLURM_CONF=" + conf + " names no file");
        }
        for (String c : COMMANDS) {
            if (shell.which(c).isEmpty()) {
                throw new SlurmCommandException("Slurm is not usable: " + c + " not found on PATH="
                        + shell.environment().getOrDefault("PATH", "(unset)")
                        + " (install Slurm's client commands, or run where they are, e.g. on a login node)");
            }
        }
        SlurmCommandResult version = shell.run("sbatch", "--version");
        if (!version.ok()) {
            throw new SlurmCommandException("Slurm is not usable: " + version.describe());
        }
        SlurmCommandResult info = shell.run("sinfo", "-h", "-o", "%R|%D");
        if (!info.ok()) {
            throw new SlurmCommandException("the Slurm controller does not answer: " + info.describe());
        }
        List<String> partitions = new ArrayList<>();
        int nodes = 0;
        for (String line : info.stdout().strip().split("\n")) {
            String[] f = line.strip().split("\\|");
            if (f.length == 2) {
                partitions.add(f[0]);
                try {
                    nodes = Math.max(nodes, Integer.parseInt(f[1].strip()));
                } catch (NumberFormatException e) {
                    // a count sinfo printed in another form ("1K"): keep the others
                }
            }
        }
        if (partitions.isEmpty()) {
            throw new SlurmCommandException("the Slurm cluster has no partition: `sinfo -h -o %R|%D` printed nothing");
        }
        return new SlurmClusterInfo(version.stdout().strip(), partitions, nodes);
    }

    /**
     * Asks the controller whether it would accept this batch script ({@code sbatch --test-only}:
     * partition, account, gres, memory, time limit are checked, no job is created).
     *
     * @throws SlurmCommandException with sbatch's reason when it would refuse
     */
    public void testSubmit(Path script) {
        SlurmCommandResult r = shell.run("sbatch", "--test-only", script.toAbsolutePath().toString());
        if (!r.ok()) {
            throw new SlurmCommandException("the cluster refuses the job template: " + r.describe());
        }
    }

    /** Writes nothing: submits an existing batch script and returns the job id sbatch printed. */
    public String submit(Path script) {
        SlurmCommandResult r = shell.run("sbatch", "--parsable", script.toAbsolutePath().toString());
        if (!r.ok()) {
            throw new SlurmCommandException("sbatch refused the job: " + r.describe());
        }
        String id = r.stdout().strip();
        int nl = id.lastIndexOf('\n');
        id = nl >= 0 ? id.substring(nl + 1) : id;   // warnings may come first
        int semi = id.indexOf(';');                 // "id;cluster" on federations
        id = semi >= 0 ? id.substring(0, semi) : id;
        if (!id.matches("[0-9]+(_[0-9]+)?")) {
            throw new SlurmCommandException("sbatch --parsable printed no job id: " + r.describe());
        }
        return id;
    }

    /**
     * The states squeue lists for these jobs, in one call (what a coordinator with many jobs asks
     * each poll); jobs squeue no longer lists are absent, and exit codes are not known here: ask
     * {@link #status} for those and for ended ones.
     *
     * @throws SlurmCommandException when the controller does not answer
     */
    public Map<String, SlurmJobStatus> queueStates(java.util.Collection<String> jobIds) {
        Map<String, SlurmJobStatus> out = new java.util.LinkedHashMap<>();
        if (jobIds.isEmpty()) {
            return out;
        }
        // with a single id squeue fails on an unknown job; with a list it leaves unknown ones out
        List<String> ids = new ArrayList<>(jobIds);
        if (ids.size() == 1) {
            status(ids.get(0)).ifPresent(st -> out.put(st.jobId(), st));
            return out;
        }
        SlurmCommandResult q = shell.run("squeue", "-h", "-t", "all", "-j", String.join(",", ids), "-o", "%i|%T|%r|%N|%j");
        if (!q.ok()) {
            throw new SlurmCommandException("cannot read the state of jobs " + String.join(",", ids) + ": " + q.describe());
        }
        for (String line : q.stdout().split("\n")) {
            String[] f = line.strip().split("\\|", -1);
            if (f.length == 5 && jobIds.contains(f[0])) {
                out.put(f[0], new SlurmJobStatus(f[0], f[4], state(f[1], q), f[2], -1, -1, f[3], "squeue"));
            }
        }
        return out;
    }

    /**
     * The job's state, or empty when no source knows the job (never submitted here, or purged on a
     * cluster with neither accounting nor a job completion file).
     *
     * @throws SlurmCommandException when the controller does not answer (a later call may succeed)
     */
    public Optional<SlurmJobStatus> status(String jobId) {
        SlurmCommandResult q = shell.run("squeue", "-h", "-t", "all", "-j", jobId, "-o", "%T|%r|%N|%j");
        SlurmJobStatus fromQueue = null;
        if (q.ok() && !q.stdout().isBlank()) {
            String[] f = q.stdout().strip().split("\n")[0].split("\\|", -1);
            SlurmJobState state = state(f[0], q);
            fromQueue = new SlurmJobStatus(jobId, f.length > 3 ? f[3] : "", state, f.length > 1 ? f[1] : "", -1, -1,
                    f.length > 2 ? f[2] : "", "squeue");
            if (!state.terminal()) {
                return Optional.of(fromQueue);
            }
        } else if (!q.ok() && !unknownJob(q)) {
            throw new SlurmCommandException("cannot read the state of job " + jobId + ": " + q.describe());
        }
        SlurmCommandResult s = shell.run("scontrol", "show", "job", "-o", jobId);
        if (s.ok() && !s.stdout().isBlank()) {
            Map<String, String> kv = SlurmKeyValues.parse(s.stdout().strip().split("\n")[0]);
            if (kv.containsKey("JobState")) {
                return Optional.of(fromRecord(jobId, kv, "scontrol", s));
            }
        }
        if (fromQueue != null) {
            return Optional.of(fromQueue);
        }
        SlurmCommandResult a = shell.run("sacct", "-n", "-X", "-P", "-j", jobId, "-o", "JobID,State,ExitCode,Reason,NodeList,JobName");
        if (a.ok()) {
            for (String line : a.stdout().split("\n")) {
                String[] f = line.strip().split("\\|", -1);
                if (f.length >= 6 && f[0].equals(jobId)) {
                    int[] ec = SlurmJobStatus.parseExitCode(f[2]);
                    return Optional.of(new SlurmJobStatus(jobId, f[5], state(f[1], a), f[3], ec[0], ec[1], f[4], "sacct"));
                }
            }
        }
        return fromJobcomp(jobId);
    }

    /**
     * Ids of the jobs with this name that the controller still lists (queued, running, or ended less
     * than MinJobAge ago), oldest first. The slurm backend names a job after its run, trial and attempt,
     * so this finds one that a killed coordinator submitted but never recorded.
     */
    public List<String> jobsNamed(String name) {
        SlurmCommandResult r = shell.run("squeue", "-h", "-t", "all", "--name=" + name, "-o", "%i");
        if (!r.ok()) {
            throw new SlurmCommandException("cannot list the jobs named " + name + ": " + r.describe());
        }
        return r.stdout().lines().map(String::strip).filter(l -> !l.isEmpty())
                .sorted(java.util.Comparator.comparingLong(SlurmClient::numericId)).toList();
    }

    private static long numericId(String id) {
        try {
            return Long.parseLong(id.replaceAll("_.*", ""));
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /** Cancels the job; a job Slurm no longer knows counts as cancelled. */
    public void cancel(String jobId) {
        SlurmCommandResult r = shell.run("scancel", jobId);
        if (!r.ok() && !unknownJob(r)) {
            throw new SlurmCommandException("could not cancel job " + jobId + ": " + r.describe());
        }
    }

    private Optional<SlurmJobStatus> fromJobcomp(String jobId) {
        Optional<Path> file = jobcompFile();
        if (file.isEmpty() || !Files.isReadable(file.get())) {
            return Optional.empty();
        }
        String prefix = "JobId=" + jobId + " ";
        String last = null;
        try (var lines = Files.lines(file.get(), StandardCharsets.UTF_8)) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.startsWith(prefix)) {
                    last = line;        // a requeued job has several records; the last is the current one
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            return Optional.empty();
        }
        if (last == null) {
            return Optional.empty();
        }
        SlurmCommandResult source = new SlurmCommandResult(List.of("read", file.get().toString()), 0, last, "");
        return Optional.of(fromRecord(jobId, SlurmKeyValues.parse(last), "jobcomp", source));
    }

    /** The jobcomp/filetxt file from {@code scontrol show config}, looked up once. */
    private Optional<Path> jobcompFile() {
        Optional<Path> f = jobcompFile;
        if (f == null) {
            f = Optional.empty();
            SlurmCommandResult c = shell.run("scontrol", "show", "config");
            if (c.ok()) {
                String type = "";
                String loc = "";
                for (String line : c.stdout().split("\n")) {
                    String[] kv = line.split("=", 2);
                    if (kv.length == 2 && kv[0].strip().equals("JobCompType")) {
                        type = kv[1].strip();
                    } else if (kv.length == 2 && kv[0].strip().equals("JobCompLoc")) {
                        loc = kv[1].strip();
                    }
                }
                if (type.equals("jobcomp/filetxt") && loc.startsWith("/")) {
                    f = Optional.of(Path.of(loc));
                }
                jobcompFile = f;
            }
        }
        return f;
    }

    private static SlurmJobStatus fromRecord(String jobId, Map<String, String> kv, String source, SlurmCommandResult r) {
        int[] ec = SlurmJobStatus.parseExitCode(kv.get("ExitCode"));
        String name = kv.containsKey("JobName") ? kv.get("JobName") : kv.getOrDefault("Name", "");
        return new SlurmJobStatus(jobId, name, state(kv.get("JobState"), r), kv.getOrDefault("Reason", ""), ec[0], ec[1],
                kv.getOrDefault("NodeList", ""), source);
    }

    private static SlurmJobState state(String word, SlurmCommandResult r) {
        return SlurmJobState.parse(word).orElseThrow(() -> new SlurmCommandException(
                "Slurm reported a job state this version does not know (\"" + word + "\"): " + r.describe()));
    }

    private static boolean unknownJob(SlurmCommandResult r) {
        return r.exitCode() > 0 && r.stderr().contains("Invalid job id");
    }
}

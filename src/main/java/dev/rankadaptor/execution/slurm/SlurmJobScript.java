package dev.rankadaptor.execution.slurm;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The batch script of one job: the template's {@code #SBATCH} lines, the backend's own (name, log,
 * folder, no requeue: a retry is a new job the backend submits, so Slurm must not re-run one on its
 * own and train the trial twice), then the worker command, quoted for bash.
 *
 * @param jobName  {@code --job-name}
 * @param workDir  {@code --chdir}: the run folder, which every node must see at the same path
 * @param logFile  {@code --output} (stderr goes to the same file)
 * @param env      variables exported before the command (e.g. DJL's cache folder)
 * @param command  the program and its arguments, one element each
 */
public record SlurmJobScript(String jobName, Path workDir, Path logFile, Map<String, String> env, List<String> command) {
    public SlurmJobScript {
        Objects.requireNonNull(jobName, "jobName");
        if (!jobName.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("job name must be letters, digits, _ . -, was " + jobName);
        }
        workDir = workDir.toAbsolutePath().normalize();
        logFile = logFile.toAbsolutePath().normalize();
        env = Map.copyOf(env);
        for (String k : env.keySet()) {
            if (!k.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("not a variable name: " + k);
            }
        }
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        for (Path p : List.of(workDir, logFile)) {
            if (p.toString().matches(".*[\\s%].*")) {
                throw new IllegalArgumentException("Slurm paths may not contain spaces or '%': " + p);
            }
        }
    }

    /** The whole script text, with the job template's lines (each "#SBATCH --option") after the backend's own. */
    public String render(List<String> templateLines) {
        StringBuilder sb = new StringBuilder("#!/bin/bash\n");
        sb.append("#SBATCH --job-name=").append(jobName).append('\n');
        sb.append("#SBATCH --output=").append(logFile).append('\n');
        sb.append("#SBATCH --chdir=").append(workDir).append('\n');
        sb.append("#SBATCH --no-requeue\n");
        for (String line : templateLines) {
            if (!line.startsWith("#SBATCH ") || line.contains("\n")) {
                throw new IllegalArgumentException("not one #SBATCH line: " + line);
            }
            sb.append(line).append('\n');
        }
        sb.append("# written by RankAdaptor's slurm backend; one trial per job\n");
        sb.append("set -u\n");
        sb.append("echo \"job ${SLURM_JOB_ID:-?} on $(hostname) in $PWD at $(date -Is)\"\n");
        env.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                sb.append("export ").append(e.getKey()).append('=').append(quote(e.getValue())).append('\n'));
        sb.append("exec");
        for (String arg : command) {
            sb.append(' ').append(quote(arg));
        }
        return sb.append('\n').toString();
    }

    /** One bash word that stands for exactly {@code s}. */
    static String quote(String s) {
        if (s.matches("[A-Za-z0-9_./:=,+@%-]+")) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }
}

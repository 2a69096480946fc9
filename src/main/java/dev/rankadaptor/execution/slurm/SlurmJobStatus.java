package dev.rankadaptor.execution.slurm;

import java.util.Objects;

/**
 * What Slurm said about one job at one moment, and which command said it.
 *
 * @param jobId    the job id sbatch printed
 * @param name     the job's name (--job-name), "" when the source does not give it
 * @param state    the folded state
 * @param reason   Slurm's reason (scontrol {@code Reason}, e.g. NonZeroExitCode, TimeLimit), or "" when none was given
 * @param exitCode the batch script's exit code, or -1 while unknown (squeue does not report it)
 * @param signal   the signal that ended the batch script, 0 for none, -1 while unknown
 * @param nodes    the node list the job ran or runs on, "" before it started
 * @param source   the command or file the answer came from: squeue, scontrol, sacct or jobcomp
 */
public record SlurmJobStatus(String jobId, String name, SlurmJobState state, String reason, int exitCode, int signal, String nodes,
                             String source) {
    public SlurmJobStatus {
        Objects.requireNonNull(jobId, "jobId");
        name = name == null ? "" : name;
        Objects.requireNonNull(state, "state");
        reason = reason == null || reason.equals("None") || reason.equals("(null)") ? "" : reason;
        nodes = nodes == null || nodes.equals("(null)") ? "" : nodes;
        Objects.requireNonNull(source, "source");
    }

    /** One line for logs and the journal: "FAILED (NonZeroExitCode, exit 3) on node1 [scontrol]". */
    public String describe() {
        StringBuilder sb = new StringBuilder(state.name());
        StringBuilder in = new StringBuilder();
        if (!reason.isEmpty()) {
            in.append(reason);
        }
        if (exitCode > 0) {
            in.append(in.length() > 0 ? ", " : "").append("exit ").append(exitCode);
        }
        if (signal > 0) {
            in.append(in.length() > 0 ? ", " : "").append("signal ").append(signal);
        }
        if (in.length() > 0) {
            sb.append(" (").append(in).append(')');
        }
        if (!nodes.isEmpty()) {
            sb.append(" on ").append(nodes);
        }
        return sb.append(" [").append(source).append(']').toString();
    }

    /** "3:0" (exit code : signal) as scontrol, sacct and jobcomp print it; {-1, -1} when unreadable. */
    static int[] parseExitCode(String text) {
        if (text == null) {
            return new int[]{-1, -1};
        }
        String[] parts = text.trim().split(":");
        try {
            int code = Integer.parseInt(parts[0]);
            int sig = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            return new int[]{code, sig};
        } catch (NumberFormatException e) {
            return new int[]{-1, -1};
        }
    }
}

package dev.rankadaptor.execution.slurm;

import java.util.List;

/**
 * How one Slurm command ended.
 *
 * @param command  the command line as run (program name first)
 * @param exitCode the exit status; -1 when it could not be started, -2 when it was killed after its timeout
 * @param stdout   everything it printed on stdout
 * @param stderr   everything it printed on stderr, or why it could not be started
 */
public record SlurmCommandResult(List<String> command, int exitCode, String stdout, String stderr) {
    public static final int NOT_STARTED = -1;
    public static final int TIMED_OUT = -2;

    public SlurmCommandResult {
        command = List.copyOf(command);
    }

    public boolean ok() {
        return exitCode == 0;
    }

    /** "`sinfo -h -o %P` exited 1: slurm_load_partitions: Unable to contact slurm controller (connect failure)". */
    public String describe() {
        String how = switch (exitCode) {
            case NOT_STARTED -> "could not be run";
            case TIMED_OUT -> "did not answer in time (killed)";
            default -> "exited " + exitCode;
        };
        String err = stderr.strip();
        if (err.isEmpty()) {
            err = stdout.strip();
        }
        if (err.length() > 600) {
            err = "..." + err.substring(err.length() - 600);
        }
        return "`" + String.join(" ", command) + "` " + how + (err.isEmpty() ? "" : ": " + err.replace('\n', ' '));
    }
}

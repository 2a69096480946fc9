package dev.rankadaptor.execution.slurm;

import dev.rankadaptor.common.UserInputException;

/**
 * A Slurm command refused or failed: a command is missing, the controller does not answer, or sbatch
 * rejected the job (e.g. a partition or gres the cluster does not have). The message says which
 * command failed and how (its exit status and stderr), so a run with the slurm backend is refused at
 * start, or a trial fails, with something the user can act on.
 */
public final class SlurmCommandException extends UserInputException {
    public SlurmCommandException(String message) {
        super(message);
    }
}

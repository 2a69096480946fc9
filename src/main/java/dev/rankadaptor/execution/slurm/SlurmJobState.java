package dev.rankadaptor.execution.slurm;

import java.util.Locale;
import java.util.Optional;

/**
 * The states a Slurm job reports (squeue {@code %T}, scontrol {@code JobState}, sacct {@code State},
 * the jobcomp file), folded into the ones the slurm backend acts on. Transitional states that only
 * some clusters show are mapped to the nearest one here: CONFIGURING, SUSPENDED, RESIZING,
 * SIGNALING, STAGE_OUT and STOPPED still hold an allocation (RUNNING); REQUEUED and the holds wait
 * (PENDING); SPECIAL_EXIT and REVOKED ended without a result (FAILED).
 */
public enum SlurmJobState {
    PENDING, RUNNING, COMPLETING, COMPLETED, FAILED, CANCELLED, TIMEOUT, NODE_FAIL, OUT_OF_MEMORY, PREEMPTED,
    BOOT_FAIL, DEADLINE;

    /** True once the job has ended and holds nothing any more; COMPLETING still has processes to clean up. */
    public boolean terminal() {
        return switch (this) {
            case PENDING, RUNNING, COMPLETING -> false;
            default -> true;
        };
    }

    /**
     * The state for a word Slurm printed (case-insensitive; sacct's "CANCELLED by 1000" and squeue's
     * "CANCELLED+" included), or empty for a word this Slurm version added that we do not know.
     */
    public static Optional<SlurmJobState> parse(String word) {
        if (word == null) {
            return Optional.empty();
        }
        String w = word.trim().toUpperCase(Locale.ROOT);
        int cut = w.indexOf(' ');
        if (cut >= 0) {
            w = w.substring(0, cut);
        }
        if (w.endsWith("+")) {
            w = w.substring(0, w.length() - 1);
        }
        return Optional.ofNullable(switch (w) {
            case "PENDING", "PD", "REQUEUED", "RQ", "REQUEUE_FED", "REQUEUE_HOLD", "RESV_DEL_HOLD" -> PENDING;
            case "RUNNING", "R", "CONFIGURING", "CF", "SUSPENDED", "S", "RESIZING", "RS", "SIGNALING", "SI",
                 "STAGE_OUT", "SO", "STOPPED", "ST" -> RUNNING;
            case "COMPLETING", "CG" -> COMPLETING;
            case "COMPLETED", "CD" -> COMPLETED;
            case "FAILED", "F", "SPECIAL_EXIT", "SE", "REVOKED", "RV" -> FAILED;
            case "CANCELLED", "CA" -> CANCELLED;
            case "TIMEOUT", "TO" -> TIMEOUT;
            case "NODE_FAIL", "NF" -> NODE_FAIL;
            case "OUT_OF_MEMORY", "OOM" -> OUT_OF_MEMORY;
            case "PREEMPTED", "PR" -> PREEMPTED;
            case "BOOT_FAIL", "BF" -> BOOT_FAIL;
            case "DEADLINE", "DL" -> DEADLINE;
            default -> null;
        });
    }
}

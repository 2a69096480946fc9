package dev.rankadaptor.experiment;

import dev.rankadaptor.common.InvalidFieldException;
import dev.rankadaptor.compute.DeviceChoice;

import java.util.ArrayList;
import java.util.List;

/**
 * The project file's {@code execution} section: where trials run and how many at once. See
 * docs/parallel-trials.md.
 *
 * @param backend  inprocess (default: one trial after another in the run's JVM), local (worker
 *                 processes on this machine) or slurm (one sbatch job per trial)
 * @param workers  trials in flight at once (local: worker processes; slurm: jobs queued or running)
 * @param devices  local only: one device per worker ("cpu" for a CPU slot, "cuda:N"); empty = every
 *                 worker on "cpu"; when given, its length must equal {@code workers}
 * @param retries  how often a trial whose worker died or exited non-zero is started again before it
 *                 is recorded as failed
 * @param slurm    the job template of the slurm backend
 */
public record ExecutionSection(ExecutionBackend backend, int workers, List<String> devices, int retries,
                               SlurmJobSection slurm) {
    public ExecutionSection {
        if (backend == null) {
            throw new InvalidFieldException("execution.backend", "is required (inprocess, local or slurm)");
        }
        Fields.between("execution.workers", workers, 1, 1024);
        devices = Fields.list("execution.devices", devices);
        List<String> normal = new ArrayList<>();
        for (int i = 0; i < devices.size(); i++) {
            String f = "execution.devices[" + i + "]";
            try {
                DeviceChoice d = DeviceChoice.parse(Fields.required(f, devices.get(i)));
                normal.add(d.isCuda() ? "cuda:" + d.index() : "cpu");
            } catch (InvalidFieldException e) {
                throw new InvalidFieldException(f, "expected cpu or cuda:N, was '" + devices.get(i) + "'");
            }
        }
        devices = List.copyOf(normal);
        if (!devices.isEmpty() && devices.size() != workers) {
            throw new InvalidFieldException("execution.workers", "must equal the number of execution.devices ("
                    + devices.size() + "), was " + workers);
        }
        if (backend == ExecutionBackend.INPROCESS && workers != 1) {
            throw new InvalidFieldException("execution.workers", "must be 1 with backend inprocess (trials run one after"
                    + " another in the run's process); use backend local or slurm for " + workers + " workers");
        }
        Fields.between("execution.retries", retries, 0, 100);
        slurm = slurm == null ? SlurmJobSection.defaults() : slurm;
    }

    /** In-process, one worker, two retries, the default Slurm template. */
    public static ExecutionSection defaults() {
        return new ExecutionSection(ExecutionBackend.INPROCESS, 1, List.of(), 2, SlurmJobSection.defaults());
    }

    /** The device of worker {@code i} (local backend): the listed one, else "cpu". */
    public String deviceOf(int worker) {
        return devices.isEmpty() ? "cpu" : devices.get(worker);
    }

    /** True when trials run in worker processes or jobs (not in the run's JVM). */
    public boolean parallel() {
        return backend != ExecutionBackend.INPROCESS;
    }

    /** A copy with other backend / workers / devices (CLI overrides); validated like the original. */
    public ExecutionSection with(ExecutionBackend newBackend, int newWorkers, List<String> newDevices) {
        return new ExecutionSection(newBackend, newWorkers, newDevices, retries, slurm);
    }
}

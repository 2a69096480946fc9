package dev.rankadaptor.cli;

import dev.rankadaptor.experiment.ExecutionBackend;
import dev.rankadaptor.experiment.ExecutionSection;
import picocli.CommandLine.Option;

import java.util.List;

/**
 * --backend / --workers / --devices of search, resume and demo: this run's override of the project's
 * execution section, validated by the same record. {@code --devices} alone sets the worker count;
 * more than one worker without {@code --backend} means local worker processes.
 */
final class ExecutionOptions {
    @Option(names = "--backend", description = "where trials run: inprocess, local (worker processes) or slurm (sbatch jobs)")
    String backend;

    @Option(names = "--workers", description = "trials in flight at once (local: worker processes; slurm: jobs)")
    Integer workers;

    @Option(names = "--devices", split = ",", description = "local backend: one device per worker, e.g. cuda:0,cuda:1 or cpu,cpu")
    List<String> devices;

    /** The section this run uses: {@code base} with the flags given applied (base itself when none is). */
    ExecutionSection apply(ExecutionSection base) {
        if (backend == null && workers == null && devices == null) {
            return base;
        }
        List<String> devs = devices != null ? devices : (workers != null ? List.of() : base.devices());
        int n = workers != null ? workers : (devices != null ? devices.size() : base.workers());
        ExecutionBackend b = backend != null ? ExecutionBackend.parse(backend)
                : (base.backend() == ExecutionBackend.INPROCESS && n > 1 ? ExecutionBackend.LOCAL : base.backend());
        if (b == ExecutionBackend.INPROCESS && workers == null) {
            n = 1;
            devs = List.of();
        }
        return base.with(b, n, devs);
    }
}

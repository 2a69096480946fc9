package dev.rankadaptor.execution;

import dev.rankadaptor.experiment.ExecutionSection;
import dev.rankadaptor.experiment.RunDirectory;
import dev.rankadaptor.pipeline.TrialPool;

/**
 * The one place that maps {@code execution.backend} to a {@link TrialBackend} (a new backend is one
 * more case here) and wraps it in the shared {@link BackendPool}. {@link #open} is the run's
 * {@link TrialPool.Factory}.
 */
public final class TrialBackends {
    private TrialBackends() {
    }

    /** The backend of a run's execution section, checked to be usable, in a pool. */
    public static TrialPool open(RunDirectory dir, ExecutionSection execution, TrialPool.Events events) {
        TrialBackend backend = create(dir, execution, WorkerLaunch.current());
        try {
            backend.checkAvailable();
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
        return new BackendPool(dir, backend, execution.retries(), events);
    }

    /** A backend of the given section (not yet checked). */
    public static TrialBackend create(RunDirectory dir, ExecutionSection execution, WorkerLaunch launch) {
        return switch (execution.backend()) {
            case LOCAL -> new LocalBackend(dir, execution, launch);
            case SLURM -> new SlurmBackend(dir, execution, launch);
            case INPROCESS -> throw new IllegalArgumentException("inprocess trials run in the run's own JVM, not in a pool");
        };
    }
}

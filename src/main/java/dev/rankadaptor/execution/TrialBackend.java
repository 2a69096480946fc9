package dev.rankadaptor.execution;

import dev.rankadaptor.experiment.JournalRecord;
import dev.rankadaptor.experiment.RunDirectory;
import dev.rankadaptor.pipeline.TrialSpec;

import java.util.Optional;

/**
 * Where trial attempts run: worker processes on this machine ({@link LocalBackend}) or jobs of a
 * cluster scheduler (slurm). A backend only starts, watches and stops attempts; the retry rule, the
 * result files and the journal belong to {@link BackendPool}, so every backend behaves the same.
 * Contract (docs/parallel-trials.md): an attempt runs {@link WorkerLaunch#argv} of its spec, sends
 * stdout and stderr to {@link RunDirectory#trialLogFile}, and has succeeded exactly when its
 * {@link RunDirectory#trialResultFile} exists. Called from the run's coordinator thread only.
 */
public interface TrialBackend extends AutoCloseable {

    /** The backend's name as the journal records it ({@code local}, {@code slurm}). */
    String name();

    /** Attempts this backend runs at once (execution.workers). */
    int slots();

    /**
     * Checks at run start that the backend can work (e.g. the scheduler's commands answer);
     * throws a {@link dev.rankadaptor.common.UserInputException} saying which command failed and how.
     */
    void checkAvailable();

    /** Starts attempt {@code attempt} of {@code spec} on slot {@code slot} (0..slots-1) and returns at once. */
    TrialHandle submit(TrialSpec spec, int attempt, int slot);

    /** The attempt's state now (cheap enough to call a few times a second). */
    JobStatus poll(TrialHandle handle);

    /** Stops the attempt (no-op when it already ended). */
    void cancel(TrialHandle handle);

    /**
     * Finds an attempt a previous coordinator dispatched (journal record) that still runs or has
     * ended meanwhile; empty when the backend knows nothing of it any more (it is re-run unless its
     * result file exists).
     */
    Optional<TrialHandle> adopt(JournalRecord.TrialDispatched recorded, TrialSpec spec, int slot);

    /** Stops every attempt this backend started and that still runs. */
    @Override
    void close();
}

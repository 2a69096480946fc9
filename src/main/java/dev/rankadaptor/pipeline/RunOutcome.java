package dev.rankadaptor.pipeline;

import dev.rankadaptor.experiment.ResultsTable;

import java.nio.file.Path;

/**
 * How a run ended: finished (results written), paused or stopped (resumable), or cancelled.
 * {@code results} is null unless the report was written.
 */
public record RunOutcome(Status status, Path runDir, ResultsTable results, String message) {
    /** The four ways a run ends. */
    public enum Status { FINISHED, PAUSED, CANCELLED, FAILED }
}

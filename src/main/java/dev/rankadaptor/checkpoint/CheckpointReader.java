package dev.rankadaptor.checkpoint;

import dev.rankadaptor.checkpoint.Checkpoint;
import dev.rankadaptor.common.CancellationToken;

import java.nio.file.Path;

/**
 * The Checkpoint panel's reader over {@link Checkpoint#open}: reads config.json and the safetensors
 * headers (never the weights), so opening even a large model takes a moment. Bad folders surface
 * as the checkpoint package's UserInputException, whose message names the file and what was expected.
 */
public final class CheckpointReader implements CheckpointInspector {
    @Override
    public CheckpointSummary inspect(Path folder, CancellationToken token) {
        token.throwIfCancelled();
        try (Checkpoint c = Checkpoint.open(folder)) {
            return new CheckpointSummary(folder, c.config(), c.layout(), String.valueOf(c.dominantDtype()), c.totalBytes());
        }
    }
}

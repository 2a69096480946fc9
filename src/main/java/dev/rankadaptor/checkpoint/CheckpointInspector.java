package dev.rankadaptor.checkpoint;

import dev.rankadaptor.common.CancellationToken;

import java.nio.file.Path;

/**
 * The seam to the checkpoint reader (implemented by the lead over the {@code checkpoint} package):
 * reads config.json and the tensor shapes of a folder. Runs on a worker thread; throws
 * UserInputException with a message naming the file and what was expected for a bad folder.
 */
@FunctionalInterface
public interface CheckpointInspector {
    CheckpointSummary inspect(Path folder, CancellationToken token);
}

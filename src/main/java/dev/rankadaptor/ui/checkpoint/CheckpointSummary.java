package dev.rankadaptor.ui.checkpoint;

import dev.rankadaptor.checkpoint.LayerLayout;
import dev.rankadaptor.checkpoint.LlamaConfig;

import java.nio.file.Path;

/**
 * What the Checkpoint panel shows about an opened folder: its config and the actual per-layer
 * widths (which differ from the config after structured pruning).
 */
public record CheckpointSummary(Path folder, LlamaConfig config, LayerLayout layout) {

    public long parameterCount() {
        return layout.parameterCount(config);
    }

    /** Bytes of the weights held as F32 (how DJL holds BF16 checkpoints after widening). */
    public long bytesF32() {
        return parameterCount() * 4;
    }

    /** Bytes of the weights held as F16. */
    public long bytesF16() {
        return parameterCount() * 2;
    }
}

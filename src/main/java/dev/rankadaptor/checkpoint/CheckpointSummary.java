package dev.rankadaptor.checkpoint;

import dev.rankadaptor.checkpoint.LayerLayout;
import dev.rankadaptor.checkpoint.LlamaConfig;

import java.nio.file.Path;

/**
 * What the Checkpoint panel shows about an opened folder: its config and the actual per-layer
 * widths (which differ from the config after structured pruning), plus what the weight files hold
 * (dominant dtype and bytes on disk; "" and -1 when the summary was built without the files).
 */
public record CheckpointSummary(Path folder, LlamaConfig config, LayerLayout layout, String fileDtype, long fileBytes) {

    /** A summary from config and layout alone (no weight files read). */
    public CheckpointSummary(Path folder, LlamaConfig config, LayerLayout layout) {
        this(folder, config, layout, "", -1);
    }

    public CheckpointSummary {
        fileDtype = fileDtype == null ? "" : fileDtype;
    }

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

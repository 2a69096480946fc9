package dev.rankadaptor.model;

import ai.djl.ndarray.NDManager;

/**
 * The memory scope of one forward (and backward) pass. While it is open, the model's long-lived
 * arrays are temporarily attached to its manager, so every intermediate result belongs to this
 * scope and is freed when it closes; array counts stay flat across millions of steps.
 */
public final class ModelStep implements AutoCloseable {
    private final NDManager manager;
    private final Runnable onClose;

    ModelStep(NDManager manager, Runnable onClose) {
        this.manager = manager;
        this.onClose = onClose;
    }

    /** Create per-step inputs (token ids, masks) on this manager. */
    public NDManager manager() {
        return manager;
    }

    @Override
    public void close() {
        try {
            manager.close();
        } finally {
            onClose.run();
        }
    }
}

package dev.rankadaptor.common;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Cooperative cancellation shared between the caller of a long job and the job itself.
 * Long loops (training steps, scoring batches, search iterations) poll it so that a user's
 * "cancel" takes effect within one step, without interrupting native code mid-call.
 */
public final class CancellationToken {
    private static final CancellationToken NONE = new CancellationToken();
    private final AtomicBoolean cancelled = new AtomicBoolean();

    /** A token that is never cancelled, for callers that do not need cancellation. */
    public static CancellationToken none() {
        return NONE;
    }

    public static CancellationToken create() {
        return new CancellationToken();
    }

    public void cancel() {
        if (this != NONE) {
            cancelled.set(true);
        }
    }

    public boolean isCancelled() {
        return cancelled.get();
    }

    /** Throws {@link CancelledException} when cancelled; call at safe points in loops. */
    public void throwIfCancelled() {
        if (cancelled.get()) {
            throw new CancelledException();
        }
    }
}

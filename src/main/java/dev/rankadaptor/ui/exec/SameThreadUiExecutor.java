package dev.rankadaptor.ui.exec;

import dev.rankadaptor.common.CancellationToken;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs everything immediately on the calling thread, so view-model tests are deterministic and
 * need no FX toolkit: after {@code submit} returns, the callbacks have already run.
 */
public final class SameThreadUiExecutor implements UiExecutor {
    private int submitted;

    @Override
    public <T> Job submit(String name, Function<CancellationToken, T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        submitted++;
        CancellationToken token = CancellationToken.create();
        T result;
        try {
            result = work.apply(token);
        } catch (RuntimeException e) {
            onFailure.accept(e);
            return new Job(name, token);
        }
        onSuccess.accept(result);
        return new Job(name, token);
    }

    @Override
    public void runOnUiThread(Runnable action) {
        action.run();
    }

    @Override
    public Runnable coalescing(Runnable action) {
        return action;
    }

    /** No interval in tests: each trigger runs the action at once. */
    @Override
    public Runnable coalescing(Runnable action, long minIntervalMillis) {
        return action;
    }

    /** How many jobs were submitted (lets tests check that work went through the executor). */
    public int submittedCount() {
        return submitted;
    }

    @Override
    public void close() {
        // nothing owned
    }
}

package dev.rankadaptor.ui.exec;

import dev.rankadaptor.common.CancellationToken;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The one way the workbench runs long work: the work runs off the UI thread with a cancellation
 * token, and its result or failure is delivered back on the UI thread. View models take this as a
 * constructor argument so tests inject {@link SameThreadUiExecutor} and need no FX thread at all;
 * the application uses {@link FxUiExecutor}. No view or view model calls Platform.runLater itself.
 */
public interface UiExecutor extends AutoCloseable {

    /**
     * Starts {@code work} in the background.
     *
     * @param name      shown in logs and thread names
     * @param work      the background computation; must poll the token in loops
     * @param onSuccess called on the UI thread with the result
     * @param onFailure called on the UI thread with the exception (also for cancellation)
     * @return a handle to cancel the job
     */
    <T> Job submit(String name, Function<CancellationToken, T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure);

    /** Runs a short action on the UI thread (immediately in tests). */
    void runOnUiThread(Runnable action);

    /**
     * Returns a trigger that runs {@code action} once on the UI thread however often it is called
     * before that run happens: live updates (a trial per second, a loss value per step) then cost
     * at most one UI update per pulse instead of one per event.
     */
    Runnable coalescing(Runnable action);

    /**
     * Like {@link #coalescing(Runnable)}, and also at most once per {@code minIntervalMillis}: a
     * trigger within the interval after a run is deferred to its end (every UI update dirties the
     * scene, and rendering it on every pulse would stretch the pulses on a busy machine). The
     * executor owns whatever timer this needs.
     */
    Runnable coalescing(Runnable action, long minIntervalMillis);

    /** Stops accepting work and cancels running jobs. */
    @Override
    void close();

    /** A submitted job: its token, so a Cancel button can stop it. */
    record Job(String name, CancellationToken token) {
        public void cancel() {
            token.cancel();
        }
    }
}

package dev.rankadaptor.ui.exec;

import dev.rankadaptor.common.CancellationToken;
import javafx.application.Platform;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The application's executor: a small pool of named daemon threads owned by the workbench (shut
 * down with it), running at background CPU priority; callbacks are posted to the FX thread. Cancelling on close uses the tokens, so
 * long loops stop at their next check instead of being interrupted inside native code.
 */
public final class FxUiExecutor implements UiExecutor {
    private final ExecutorService pool;
    private final Map<Job, Boolean> running = new ConcurrentHashMap<>();
    /** The one timer thread of the workbench (deferred UI updates), shut down with the executor. */
    private final java.util.concurrent.ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "workbench-timer");
                t.setDaemon(true);
                return t;
            });

    public FxUiExecutor(int threads) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(() -> {
                // below the UI threads (OS nice value): a training run then cannot starve the pulses
                dev.rankadaptor.compute.BackgroundPriority.lowerCurrentThread();
                r.run();
            }, "workbench-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        };
        this.pool = Executors.newFixedThreadPool(threads, factory);
    }

    @Override
    public <T> Job submit(String name, Function<CancellationToken, T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        Job job = new Job(name, CancellationToken.create());
        running.put(job, Boolean.TRUE);
        pool.execute(() -> {
            try {
                T result = work.apply(job.token());
                Platform.runLater(() -> onSuccess.accept(result));
            } catch (RuntimeException | Error e) {
                Platform.runLater(() -> onFailure.accept(e));
            } finally {
                running.remove(job);
            }
        });
        return job;
    }

    @Override
    public void runOnUiThread(Runnable action) {
        if (Platform.isFxApplicationThread()) {
            action.run();
        } else {
            Platform.runLater(action);
        }
    }

    @Override
    public Runnable coalescing(Runnable action) {
        java.util.concurrent.atomic.AtomicBoolean pending = new java.util.concurrent.atomic.AtomicBoolean();
        return () -> {
            if (pending.compareAndSet(false, true)) {
                Platform.runLater(() -> {
                    pending.set(false);
                    action.run();
                });
            }
        };
    }

    @Override
    public Runnable coalescing(Runnable action, long minIntervalMillis) {
        java.util.concurrent.atomic.AtomicBoolean pending = new java.util.concurrent.atomic.AtomicBoolean();
        long[] last = {0}; // FX thread only
        Runnable[] fire = new Runnable[1];
        fire[0] = () -> {
            long now = System.nanoTime();
            long wait = minIntervalMillis - (now - last[0]) / 1_000_000;
            if (last[0] != 0 && wait > 0) {
                try {
                    timer.schedule(() -> Platform.runLater(fire[0]), wait, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.RejectedExecutionException closed) {
                    pending.set(false);
                }
                return;
            }
            pending.set(false);
            last[0] = now;
            action.run();
        };
        return () -> {
            if (pending.compareAndSet(false, true)) {
                Platform.runLater(fire[0]);
            }
        };
    }

    @Override
    public void close() {
        timer.shutdownNow();
        running.keySet().forEach(Job::cancel);
        pool.shutdown();
        try {
            pool.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

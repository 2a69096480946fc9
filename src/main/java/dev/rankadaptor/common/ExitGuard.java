package dev.rankadaptor.common;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Makes a SIGTERM or Ctrl-C end a long job at its next cancellation point instead of in the
 * middle of a native call. Without it the JVM runs its exit handlers (which tear down PyTorch's
 * static state) while the job's thread is still inside libtorch, and the process dies with a
 * SIGSEGV instead of a clean stop (seen: a backward in {@code at::getAccelerator} after a
 * SIGTERM). The shutdown hook cancels the job's token and waits until the job has left all native
 * code ({@link #close} is called after its last NDManager is closed), at most {@code waitMillis}.
 */
public final class ExitGuard implements AutoCloseable {
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread hook;

    private ExitGuard(CancellationToken token, long waitMillis) {
        hook = new Thread(() -> {
            token.cancel();
            try {
                done.await(waitMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "cancel-then-exit");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Guards a job polling {@code token}; close it (try-with-resources) around everything that touches native memory. */
    public static ExitGuard install(CancellationToken token, long waitMillis) {
        Check.notNull("token", token);
        if (waitMillis <= 0) {
            throw new IllegalArgumentException("waitMillis must be > 0");
        }
        return new ExitGuard(token, waitMillis);
    }

    /** True once the job has left (close was called). */
    public boolean isClosed() {
        return done.getCount() == 0;
    }

    @Override
    public void close() {
        done.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or ran: it returns now that the latch is open
        }
    }
}

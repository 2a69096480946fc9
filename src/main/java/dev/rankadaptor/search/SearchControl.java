package dev.rankadaptor.search;

import dev.rankadaptor.common.CancellationToken;

/**
 * User control of a running search, safe to call from any thread (GUI buttons, CLI signals).
 * Pause and stop take effect between trials; cancel also reaches the trial in flight through
 * {@link #token()}. Resume after a crash is not here: build a new search from the journalled
 * records (see {@link SearchLoop}).
 */
public final class SearchControl {
    private final CancellationToken token = CancellationToken.create();
    private boolean paused;
    private boolean stopRequested;

    /** Pause after the current trial; the search thread waits until {@link #resume()}, stop or cancel. */
    public synchronized void pause() {
        paused = true;
    }

    public synchronized void resume() {
        paused = false;
        notifyAll();
    }

    /** Finish the current trial, then end the search and report (StopReason.STOPPED). */
    public synchronized void stop() {
        stopRequested = true;
        notifyAll();
    }

    /** Abandon the current trial now (StopReason.CANCELLED). */
    public synchronized void cancel() {
        token.cancel();
        notifyAll();
    }

    public synchronized boolean isPaused() {
        return paused;
    }

    public synchronized boolean isStopRequested() {
        return stopRequested;
    }

    public CancellationToken token() {
        return token;
    }

    /** Blocks while paused (and not stopped or cancelled); returns true if it waited. */
    synchronized boolean awaitWhilePaused() {
        boolean waited = false;
        while (paused && !stopRequested && !token.isCancelled()) {
            waited = true;
            try {
                wait(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                token.cancel();
            }
        }
        return waited;
    }
}

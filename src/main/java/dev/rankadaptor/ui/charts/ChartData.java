package dev.rankadaptor.ui.charts;

import io.fair_acc.dataset.DataSet;
import io.fair_acc.dataset.locks.DefaultDataSetLock;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one way the workbench replaces a chart's data. ChartFX read-locks a chart's data sets on
 * the FX thread in layout (and when the chart enters a scene) and releases them only in the
 * scene's next post-layout pulse; a write on the FX thread in between would wait on a lock its
 * own thread holds, and the window would freeze. So on the FX thread, while a data set is
 * read-locked, the update is parked and applied at the start of the next pulse (after the locks
 * were released); a later update of the same data set replaces a parked one (every update here
 * is a full replacement, so the newest wins and order is kept). Off the FX thread the write
 * simply waits for the lock.
 */
public final class ChartData {
    private static final Map<DataSet, Runnable> PARKED = new LinkedHashMap<>();
    private static AnimationTimer retry;

    private ChartData() {
    }

    /** Runs {@code update} (a full replacement of {@code ds}'s content) under its write lock, now or at the next pulse. */
    public static void replace(DataSet ds, Runnable update) {
        if (!Platform.isFxApplicationThread()) {
            ds.lock().writeLockGuard(update);
            return;
        }
        if (PARKED.containsKey(ds) || readLocked(ds)) {
            PARKED.put(ds, update);
            startRetry();
            return;
        }
        ds.lock().writeLockGuard(update);
    }

    /** Updates still waiting for a data set's read locks to be released (for tests). */
    public static int parked() {
        return PARKED.size();
    }

    private static boolean readLocked(DataSet ds) {
        return ds.lock() instanceof DefaultDataSetLock<?> l && l.getReaderCount() > 0;
    }

    private static void startRetry() {
        if (retry == null) {
            retry = new AnimationTimer() {
                @Override
                public void handle(long now) {
                    var it = PARKED.entrySet().iterator();
                    while (it.hasNext()) {
                        var e = it.next();
                        if (!readLocked(e.getKey())) {
                            e.getKey().lock().writeLockGuard(e.getValue());
                            it.remove();
                        }
                    }
                    if (PARKED.isEmpty()) {
                        stop();
                    }
                }
            };
        }
        retry.start();
    }
}

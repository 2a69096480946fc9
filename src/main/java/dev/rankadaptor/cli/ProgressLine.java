package dev.rankadaptor.cli;

import java.io.PrintStream;

/**
 * A throttled one-line progress report with an ETA for the terminal (stderr), so long runs show
 * life without flooding logs: at most one line every {@code everyMillis}, plus the final one.
 */
final class ProgressLine {
    private final PrintStream out;
    private final long everyMillis;
    private long start = System.nanoTime();
    private long last;

    ProgressLine(PrintStream out, long everyMillis) {
        this.out = out;
        this.everyMillis = everyMillis;
    }

    /** Starts timing a new task (the next trial's steps): elapsed and ETA count from now. */
    void restart() {
        start = System.nanoTime();
        last = 0;
    }

    void update(String label, long done, long total, String detail) {
        long now = System.nanoTime();
        if (done < total && (now - last) / 1_000_000 < everyMillis) {
            return;
        }
        last = now;
        double elapsed = (now - start) / 1e9;
        String eta = done > 0 && total > done ? formatSeconds(elapsed / done * (total - done)) : "-";
        int width = 24;
        int filled = total > 0 ? (int) (width * Math.min(1.0, done / (double) total)) : 0;
        out.printf("%s [%s%s] %d/%d %s elapsed %s eta %s%n", label, "#".repeat(filled), ".".repeat(width - filled),
                done, total, detail, formatSeconds(elapsed), eta);
        out.flush();
    }

    static String formatSeconds(double s) {
        long t = Math.round(s);
        return t >= 3600 ? String.format("%dh%02dm", t / 3600, (t % 3600) / 60) : String.format("%dm%02ds", t / 60, t % 60);
    }
}

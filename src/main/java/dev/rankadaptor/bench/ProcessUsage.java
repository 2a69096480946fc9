package dev.rankadaptor.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What this process has used so far, from /proc/self: peak resident set (VmHWM, which counts
 * touched pages of memory-mapped files too) and user / system CPU seconds. Read by a stage child
 * just before it exits, so the numbers are the whole stage's.
 */
record ProcessUsage(long peakResidentBytes, double userSeconds, double systemSeconds) {
    private static final double TICKS = 100.0; // USER_HZ on Linux

    static ProcessUsage self() {
        try {
            long hwm = 0;
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    hwm = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            // fields after the command: state(3) ... utime(14) stime(15), here 0-based from state
            return new ProcessUsage(hwm, Long.parseLong(f[11]) / TICKS, Long.parseLong(f[12]) / TICKS);
        } catch (IOException | RuntimeException e) {
            return new ProcessUsage(-1, -1, -1);
        }
    }
}

package dev.rankadaptor.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resident memory of this process from Linux /proc (bytes); -1 where /proc is not available, so
 * benchmarks print "n/a" rather than a made-up number.
 */
final class ProcMemory {
    private ProcMemory() {
    }

    /** A "VmRSS:" / "VmHWM:" line of /proc/self/status in bytes, or -1. */
    static long read(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key)) {
                    String[] parts = line.substring(key.length()).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** Resets the peak resident set (VmHWM) to the current one; false where the kernel refuses. */
    static boolean resetPeak() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}

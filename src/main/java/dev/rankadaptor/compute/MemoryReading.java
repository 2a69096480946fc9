package dev.rankadaptor.compute;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * This process's memory as the kernel sees it (resident now and at its peak, from
 * {@code /proc/self/status}) and the machine's (available and total, from {@code /proc/meminfo}).
 * Resident size, not the JVM heap: PyTorch's native tensors and memory-mapped checkpoints live
 * outside the heap. Values are -1 where the file or line is missing (not Linux).
 */
public record MemoryReading(long residentBytes, long peakResidentBytes, long availableBytes, long totalBytes) {

    /** Reads both files now (a few hundred microseconds). */
    public static MemoryReading now() {
        List<String> status = lines(Path.of("/proc/self/status"));
        List<String> meminfo = lines(Path.of("/proc/meminfo"));
        return new MemoryReading(kib(status, "VmRSS:"), kib(status, "VmHWM:"), kib(meminfo, "MemAvailable:"), kib(meminfo, "MemTotal:"));
    }

    /** Parses {@code /proc}-style "Key:   1234 kB" lines; -1 when the key is missing. */
    static long kib(List<String> lines, String key) {
        for (String l : lines) {
            if (l.startsWith(key)) {
                String[] parts = l.substring(key.length()).trim().split("\\s+");
                try {
                    return Long.parseLong(parts[0]) * 1024L;
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    private static List<String> lines(Path p) {
        try {
            return Files.readAllLines(p);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** "1.2 GB used · 20.3 GB available" (or "unknown" off Linux). */
    public String summary() {
        if (residentBytes < 0 && availableBytes < 0) {
            return "unknown";
        }
        return (residentBytes >= 0 ? gb(residentBytes) + " used" : "? used") + " · "
                + (availableBytes >= 0 ? gb(availableBytes) + " available" : "? available");
    }

    private static String gb(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f GB", bytes / 1e9);
    }
}

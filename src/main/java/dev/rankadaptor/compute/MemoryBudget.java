package dev.rankadaptor.compute;

import ai.djl.Device;
import dev.rankadaptor.common.InvalidFieldException;
import dev.rankadaptor.common.UserInputException;

import java.io.IOException;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The memory a stage may use on a device, and the pre-flight check every prune, train and eval
 * start makes against it: on the CPU MemAvailable of /proc/meminfo, on CUDA the device's free
 * memory (DJL), lowered by a configured limit ({@code --memory-limit}, or the environment variable
 * {@value #ENV}, or the system property {@value #PROPERTY}; e.g. {@code 20g}, {@code 512m}). A stage
 * whose estimated peak exceeds it is refused before anything starts, so a run never ends in a
 * kernel OOM kill without a message.
 */
public record MemoryBudget(long availableBytes, String source) {
    public static final String ENV = "RANKADAPTOR_MEMORY_LIMIT";
    public static final String PROPERTY = "rankadaptor.memory.limit";

    /** The budget on {@code device}, lowered to {@code limit} bytes when that is positive or configured. */
    public static MemoryBudget of(Device device, long limit) {
        long configured = limit > 0 ? limit : configuredLimit();
        long available;
        String source;
        if (device != null && device.isGpu()) {
            MemoryUsage u = ai.djl.util.cuda.CudaUtils.getGpuMemory(device);
            available = u.getMax() - u.getUsed();
            source = "free memory of " + device;
        } else {
            available = memAvailable();
            source = "MemAvailable in /proc/meminfo";
        }
        if (configured > 0 && (available <= 0 || configured < available)) {
            String how = limit > 0 ? "--memory-limit" : System.getenv(ENV) != null ? ENV : PROPERTY;
            return new MemoryBudget(configured, "the configured limit (" + how + ")");
        }
        return new MemoryBudget(available, source);
    }

    /** The limit from the environment or system property, 0 when none is set. */
    static long configuredLimit() {
        String v = System.getProperty(PROPERTY);
        if (v == null || v.isBlank()) {
            v = System.getenv(ENV);
        }
        return v == null || v.isBlank() ? 0 : parseBytes(ENV, v);
    }

    /** Parses 123, 512k, 512m, 20g, 1.5t (binary units; case-insensitive; optional trailing b). */
    public static long parseBytes(String field, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.endsWith("ib")) {
            t = t.substring(0, t.length() - 2);
        } else if (t.endsWith("b")) {
            t = t.substring(0, t.length() - 1);
        }
        long unit = 1;
        if (!t.isEmpty()) {
            char c = t.charAt(t.length() - 1);
            int shift = switch (c) {
                case 'k' -> 10;
                case 'm' -> 20;
                case 'g' -> 30;
                case 't' -> 40;
                default -> 0;
            };
            if (shift > 0) {
                unit = 1L << shift;
                t = t.substring(0, t.length() - 1);
            }
        }
        try {
            double v = Double.parseDouble(t.trim());
            if (!(v > 0)) {
                throw new NumberFormatException();
            }
            return (long) (v * unit);
        } catch (NumberFormatException e) {
            throw new InvalidFieldException(field, "expected a positive size such as 20g, 512m or 1073741824, was " + text);
        }
    }

    private static long memAvailable() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemAvailable:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** True when the budget is known (on a system without /proc/meminfo and no limit it is not). */
    public boolean known() {
        return availableBytes > 0;
    }

    /**
     * Refuses a stage whose estimated peak exceeds the budget, naming the stage, the estimate, the
     * memory available and what to change ({@code advice}).
     */
    public void check(String stage, long estimateBytes, String advice) {
        if (known() && estimateBytes > availableBytes) {
            throw new UserInputException(stage + " will not fit: its peak memory is estimated at " + human(estimateBytes)
                    + " but " + human(availableBytes) + " is available (" + source + "). " + advice);
        }
    }

    /** One line: "estimate 4.10 GiB of 21.3 GiB available (MemAvailable in /proc/meminfo): fits". */
    public String describe(String stage, long estimateBytes) {
        if (!known()) {
            return stage + ": peak estimate " + human(estimateBytes) + " (available memory unknown)";
        }
        return stage + ": peak estimate " + human(estimateBytes) + " of " + human(availableBytes) + " available ("
                + source + ")" + (estimateBytes > availableBytes ? ": DOES NOT FIT" : ": fits");
    }

    static String human(long bytes) {
        return String.format(Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30));
    }
}

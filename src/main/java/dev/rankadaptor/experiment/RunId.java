package dev.rankadaptor.experiment;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * Run ids: UTC start time plus a short random suffix, e.g. {@code 20261128-181150-3fa9}. Sorting the
 * names sorts the runs by start time (to the second), and the suffix keeps two runs started in the
 * same second, or on two hosts sharing a folder, apart.
 */
public final class RunId {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final Pattern SHAPE = Pattern.compile("\\d{8}-\\d{6}-[0-9a-f]{4}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private RunId() {
    }

    public static String next() {
        return next(Clock.systemUTC());
    }

    static String next(Clock clock) {
        return FORMAT.format(clock.instant()) + "-" + String.format("%04x", RANDOM.nextInt(1 << 16));
    }

    /** True for names this class produces (used to tell run folders from other folders). */
    public static boolean looksLikeRunId(String name) {
        return SHAPE.matcher(name).matches();
    }
}

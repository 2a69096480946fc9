package dev.rankadaptor.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

/**
 * Where the libraries' log lines go. DJL announces every engine start on the console (CUDA probes that
 * fail on a CPU machine, native extraction, thread counts); our own output is what a user reads, so
 * unless {@code --verbose} is given those lines go to a per-process file under the cache folder.
 * Must run before the first SLF4J logger is created: slf4j-simple reads its settings once.
 */
public final class LibraryLogs {
    /** The option that keeps library logs on the console. */
    public static final String VERBOSE = "--verbose";
    /** Overrides the log folder (tests, or a user who wants the logs elsewhere). */
    public static final String DIR_PROPERTY = "rankadaptor.log.dir";
    private static final Duration KEEP = Duration.ofDays(7);

    private LibraryLogs() {
    }

    /** True when the arguments ask for library logs on the console. */
    public static boolean verbose(String... args) {
        for (String a : args) {
            if (a.equals("--")) {
                return false;
            }
            if (a.equals(VERBOSE)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Sends library logs to stderr (verbose) or to {@code <dir>/<command>-<pid>.log}; returns that file,
     * or null when they go to the console. A folder that cannot be made leaves only errors on stderr.
     */
    public static Path configure(boolean verbose, String command) {
        if (System.getProperty("org.slf4j.simpleLogger.logFile") != null) {
            return null; // set by the user on the java command line: theirs wins
        }
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd HH:mm:ss.SSS");
        if (verbose) {
            System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
            return null;
        }
        Path dir = folder();
        try {
            Files.createDirectories(dir);
            dropOld(dir);
            String name = (command == null || command.isBlank() ? "rankadaptor" : command.replaceAll("[^A-Za-z0-9_-]", "_"))
                    + "-" + ProcessHandle.current().pid() + ".log";
            Path file = dir.resolve(name);
            System.setProperty("org.slf4j.simpleLogger.logFile", file.toString());
            return file;
        } catch (IOException | RuntimeException e) {
            System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
            return null;
        }
    }

    /** The log folder: the override, else $XDG_CACHE_HOME/rankadaptor/logs or ~/.cache/rankadaptor/logs. */
    public static Path folder() {
        String override = System.getProperty(DIR_PROPERTY);
        if (override != null && !override.isBlank()) {
            return Paths.get(override).toAbsolutePath();
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Paths.get(xdg) : Paths.get(System.getProperty("user.home"), ".cache");
        return base.resolve("rankadaptor").resolve("logs");
    }

    private static void dropOld(Path dir) throws IOException {
        FileTime cutoff = FileTime.from(Instant.now().minus(KEEP));
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(p -> p.getFileName().toString().endsWith(".log")).forEach(p -> {
                try {
                    if (Files.getLastModifiedTime(p).compareTo(cutoff) < 0) {
                        Files.deleteIfExists(p);
                    }
                } catch (IOException ignored) {
                    // another process may be removing it too; an old log left behind is harmless
                }
            });
        }
    }
}

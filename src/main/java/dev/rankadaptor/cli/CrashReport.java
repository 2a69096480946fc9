package dev.rankadaptor.cli;

import dev.rankadaptor.common.AtomicFiles;
import dev.rankadaptor.compute.Engines;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Keeps internal errors' stack traces out of the terminal: the user sees one line naming the
 * error and a file; the file holds the trace for a bug report.
 */
final class CrashReport {
    private CrashReport() {
    }

    static Path write(Throwable t) {
        StringWriter sw = new StringWriter();
        t.printStackTrace(new PrintWriter(sw));
        Path file = Engines.cacheDir().getParent().resolve("logs")
                .resolve("error-" + Instant.now().toString().replace(':', '-') + ".txt");
        try {
            AtomicFiles.writeString(file, sw.toString());
            return file;
        } catch (RuntimeException e) {
            return Path.of("(could not write a crash report: " + e.getMessage() + ")");
        }
    }
}

package dev.rankadaptor.pipeline;

import java.nio.file.Path;

/**
 * The outcome of reading one file a run will read, with the same reader the run uses: so a bad
 * row is found in the panel before a search starts, not an hour into it.
 *
 * @param role    what the file is for ("recovery data", "calibration text", "task boolq")
 * @param path    the resolved path
 * @param count   rows read (examples / lines / items); -1 when the file could not be read
 * @param unit    what {@code count} counts ("examples", "lines", "items")
 * @param ok      whether the reader accepted the whole file
 * @param message a short summary when ok, else the reader's error (names the file and line/field)
 * @param format  the detected format ("Parquet", "JSON Lines, original ARC release", "UTF-8 text"); "—" when unknown
 */
public record DataFileCheck(String role, Path path, int count, String unit, boolean ok, String message, String format) {
    public DataFileCheck {
        if (role == null || path == null || unit == null || message == null) {
            throw new IllegalArgumentException("role, path, unit and message are required");
        }
        format = format == null || format.isBlank() ? "—" : format;
    }

    /** A check whose format is not known (the file could not be read far enough). */
    public DataFileCheck(String role, Path path, int count, String unit, boolean ok, String message) {
        this(role, path, count, unit, ok, message, null);
    }

    /** "1 024 examples" or "—" when unreadable. */
    public String countText() {
        return count < 0 ? "—" : count + " " + unit;
    }
}

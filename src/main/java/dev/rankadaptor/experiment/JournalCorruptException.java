package dev.rankadaptor.experiment;

import dev.rankadaptor.common.UserInputException;

import java.nio.file.Path;

/**
 * A journal line before the last one is not a valid record. Unlike a torn last line (the expected
 * trace of a crash during a write), this means the file was edited or damaged, so replay refuses to
 * guess and names the line.
 */
public final class JournalCorruptException extends UserInputException {
    private final int line;

    public JournalCorruptException(Path file, int line, String problem, Throwable cause) {
        super(file + ": line " + line + " is not a valid journal record: " + problem, cause);
        this.line = line;
    }

    /** 1-based line number. */
    public int line() {
        return line;
    }
}

package dev.rankadaptor.experiment;

import dev.rankadaptor.common.UserInputException;

import java.nio.file.Path;

/**
 * A project file that cannot be used: not JSON, an unsupported schema version, an unknown or
 * invalid field. The message names the file and, where there is one, the field
 * ("project.json: search.max_trials: must be >= 1, was 0"); {@link #field()} lets the GUI put the
 * message beside the right input. The CLI maps it to exit code 2 like every user-input error.
 */
public final class ProjectFileException extends UserInputException {
    private final transient Path file;
    private final String field;

    public ProjectFileException(Path file, String field, String problem, Throwable cause) {
        super(file + ": " + (field == null ? "" : field + ": ") + problem, cause);
        this.file = file;
        this.field = field;
    }

    /** The file as the caller named it. */
    public Path file() {
        return file;
    }

    /** The JSON path of the bad field ("search.candidate_ranks[2]"), or null for file-level problems. */
    public String field() {
        return field;
    }
}

package dev.rankadaptor.experiment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.rankadaptor.common.InvalidFieldException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where a run's trials execute. {@code inprocess}: one after another inside the run's own JVM (the
 * original behaviour); {@code local}: one worker process per device on this machine; {@code slurm}:
 * one {@code sbatch} job per trial. Written in project files as the lower-case name.
 */
public enum ExecutionBackend {
    INPROCESS, LOCAL, SLURM;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a backend name; the error names {@code execution.backend} and the choices. */
    @JsonCreator
    public static ExecutionBackend parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (ExecutionBackend b : values()) {
            if (b.id().equals(t)) {
                return b;
            }
        }
        throw new InvalidFieldException("execution.backend", "must be one of "
                + Arrays.stream(values()).map(ExecutionBackend::id).collect(Collectors.joining(", ")) + ", was '" + text + "'");
    }
}

package dev.rankadaptor.experiment;

import dev.rankadaptor.experiment.RecentFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rankadaptor.common.AtomicFiles;
import dev.rankadaptor.common.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The workbench's own preferences (theme, and view settings that should survive a restart), one
 * small JSON object of string values in the user's config folder next to {@link RecentFiles}.
 * Plain Java and thread-safe; writes are atomic; a missing or corrupt file reads as empty (with a
 * warning for the status line), so a bad preferences file never keeps the window from opening.
 */
public final class WorkbenchSettings {
    /** The file inside the config folder. */
    public static final String FILE_NAME = "settings.json";

    private final Path file;
    private final Map<String, String> values = new TreeMap<>();

    public WorkbenchSettings(Path file) {
        this.file = file;
    }

    /** {@code <config folder>/settings.json}. */
    public static Path defaultFile() {
        return RecentFiles.configFolder().resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    /** Reads the file; returns "" when read or absent, else a warning naming the file. */
    public synchronized String reload() {
        values.clear();
        if (!Files.exists(file)) {
            return "";
        }
        try {
            JsonNode root = Json.mapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
            if (root == null || !root.isObject()) {
                throw new IOException("expected a JSON object");
            }
            root.fields().forEachRemaining(e -> {
                if (e.getValue().isValueNode()) {
                    values.put(e.getKey(), e.getValue().asText());
                }
            });
            return "";
        } catch (IOException | RuntimeException e) {
            values.clear();
            return "workbench settings " + file + " could not be read (" + String.valueOf(e.getMessage()).lines().findFirst().orElse("")
                    + "); using the defaults";
        }
    }

    public synchronized Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** Sets a value and writes the file at once (atomically). */
    public synchronized void put(String key, String value) {
        java.util.Map<String, String> one = new java.util.HashMap<>();
        one.put(key, value);
        putAll(one);
    }

    /**
     * Sets several values (null removes a key) and writes the file once. The file is read first and the
     * changes merged into it, so two holders of the same file (the theme switch, the view settings)
     * never undo each other's keys.
     */
    public void putAll(Map<String, String> changes) {
        synchronized (FILE_LOCK) {
            synchronized (this) {
                Map<String, String> mine = new TreeMap<>(values);
                if (!reload().isEmpty()) {
                    values.putAll(mine);
                }
                changes.forEach((k, v) -> {
                    if (v == null) {
                        values.remove(k);
                    } else {
                        values.put(k, v);
                    }
                });
                save();
            }
        }
    }

    private static final Object FILE_LOCK = new Object();

    private void save() {
        ObjectNode root = Json.mapper().createObjectNode();
        values.forEach(root::put);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            AtomicFiles.writeString(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the workbench settings " + file + ": " + e.getMessage(), e);
        }
    }
}

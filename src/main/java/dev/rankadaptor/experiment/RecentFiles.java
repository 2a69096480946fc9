package dev.rankadaptor.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rankadaptor.common.AtomicFiles;
import dev.rankadaptor.common.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The workbench's recently used project files and checkpoint folders, newest first, at most
 * {@link #LIMIT} of each, kept in one small JSON file in the user's config folder so they survive
 * restarts. Plain Java (no JavaFX) and thread-safe: the UI calls it from background jobs. Writes
 * are atomic; reading is tolerant: a missing file is an empty list, a corrupt one an empty list
 * plus a warning for the status line, never an exception for the user.
 */
public final class RecentFiles {
    /** Entries kept per list. */
    public static final int LIMIT = 10;
    /** The file inside the config folder. */
    public static final String FILE_NAME = "recent.json";
    /** System property that overrides the config folder (tests point it under target/). */
    public static final String CONFIG_DIR_PROPERTY = "rankadaptor.config.dir";

    /** The two lists, with their JSON keys. */
    public enum Kind {
        PROJECTS("projects"), CHECKPOINTS("checkpoints");

        private final String key;

        Kind(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    /** A remembered path and whether it still exists (missing ones are shown greyed). */
    public record Entry(Path path, boolean exists) {
    }

    private final Path file;
    private final Map<Kind, List<Path>> lists = new EnumMap<>(Kind.class);

    /** An empty list set stored in {@code file} (nothing is read until {@link #reload()}). */
    public RecentFiles(Path file) {
        this.file = file;
        for (Kind k : Kind.values()) {
            lists.put(k, new ArrayList<>());
        }
    }

    /** The config folder: the system property if set, else $XDG_CONFIG_HOME/rankadaptor, else ~/.config/rankadaptor. */
    public static Path configFolder() {
        return configFolder(System.getProperty(CONFIG_DIR_PROPERTY), System.getenv("XDG_CONFIG_HOME"), System.getProperty("user.home"));
    }

    /** {@link #configFolder()} with its inputs given (testable). */
    public static Path configFolder(String property, String xdgConfigHome, String userHome) {
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        if (xdgConfigHome != null && !xdgConfigHome.isBlank()) {
            return Path.of(xdgConfigHome, "rankadaptor");
        }
        return Path.of(userHome, ".config", "rankadaptor");
    }

    /** {@code <config folder>/recent.json}. */
    public static Path defaultFile() {
        return configFolder().resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    /**
     * Reads the file and merges it below what was added in this session (so a slow first read
     * never loses a project opened meanwhile).
     *
     * @return "" when the file was read or is absent, else a warning naming the file
     */
    public synchronized String reload() {
        if (!Files.exists(file)) {
            return "";
        }
        Map<Kind, List<Path>> read = new EnumMap<>(Kind.class);
        try {
            JsonNode root = Json.mapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
            if (root == null || !root.isObject()) {
                throw new IOException("expected a JSON object");
            }
            for (Kind k : Kind.values()) {
                List<Path> paths = new ArrayList<>();
                JsonNode arr = root.get(k.key());
                if (arr != null && !arr.isArray()) {
                    throw new IOException("\"" + k.key() + "\" must be a list of paths");
                }
                if (arr != null) {
                    for (JsonNode n : arr) {
                        if (n.isTextual() && !n.asText().isBlank()) {
                            paths.add(Path.of(n.asText()));
                        }
                    }
                }
                read.put(k, paths);
            }
        } catch (IOException | RuntimeException e) {
            return "recent files list " + file + " could not be read (" + e.getMessage().lines().findFirst().orElse("")
                    + "); starting with an empty list";
        }
        read.forEach((k, paths) -> {
            List<Path> merged = new ArrayList<>(lists.get(k));
            merged.addAll(paths);
            lists.put(k, fold(merged));
        });
        return "";
    }

    /** Moves {@code path} to the top of a list (duplicates folded, capped at {@link #LIMIT}); returns the new list. */
    public synchronized List<Path> add(Kind kind, Path path) {
        List<Path> l = new ArrayList<>();
        l.add(path);
        l.addAll(lists.get(kind));
        lists.put(kind, fold(l));
        return list(kind);
    }

    /** Replaces a list (newest first), folding duplicates and capping it. */
    public synchronized List<Path> set(Kind kind, List<Path> paths) {
        lists.put(kind, fold(paths));
        return list(kind);
    }

    /** Drops a path from a list. */
    public synchronized List<Path> remove(Kind kind, Path path) {
        Path p = normal(path);
        lists.get(kind).removeIf(x -> x.equals(p));
        return list(kind);
    }

    /** A list, newest first. */
    public synchronized List<Path> list(Kind kind) {
        return List.copyOf(lists.get(kind));
    }

    /** A list with each path's existence looked up now (file system access: call off the UI thread). */
    public List<Entry> entries(Kind kind) {
        return list(kind).stream().map(p -> new Entry(p, Files.exists(p))).toList();
    }

    /** Writes both lists atomically. */
    public synchronized void save() {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("schema_version", 1);
        for (Kind k : Kind.values()) {
            ArrayNode arr = root.putArray(k.key());
            lists.get(k).forEach(p -> arr.add(p.toString()));
        }
        try {
            AtomicFiles.writeString(file, Json.mapper().writeValueAsString(root) + "\n");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the recent files list", e);
        }
    }

    private static List<Path> fold(List<Path> paths) {
        LinkedHashSet<Path> seen = new LinkedHashSet<>();
        for (Path p : paths) {
            seen.add(normal(p));
        }
        return new ArrayList<>(seen.stream().limit(LIMIT).toList());
    }

    private static Path normal(Path p) {
        return p.toAbsolutePath().normalize();
    }
}

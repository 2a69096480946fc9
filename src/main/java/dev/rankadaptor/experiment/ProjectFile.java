package dev.rankadaptor.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rankadaptor.common.Sha256;
import dev.rankadaptor.common.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * A project as loaded from (or saved to) {@code project.json}: the validated {@link Project} and
 * the file it came from, so relative paths inside resolve against the project's folder wherever
 * the tool is started from. Reading refuses other schema versions and unknown fields (typos would
 * otherwise silently fall back to defaults); missing fields take the defaults documented in
 * docs/project-file.md. Writing is atomic.
 *
 * @param path    the project file
 * @param project its content
 */
public record ProjectFile(Path path, Project project) {
    /** The one schema version this build reads and writes. */
    public static final int SCHEMA_VERSION = 1;

    public ProjectFile {
        if (path == null || project == null) {
            throw new IllegalArgumentException("path and project are required");
        }
        path = path.toAbsolutePath().normalize();
    }

    /** Reads and validates a project file; every problem is a {@link ProjectFileException} naming file and field. */
    public static ProjectFile read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ProjectFileException(file, null, "file not found", e);
        } catch (IOException e) {
            throw new ProjectFileException(file, null, "cannot be read: " + e.getMessage(), e);
        }
        return new ProjectFile(file, parse(text, file));
    }

    /** Parses project JSON; {@code source} names the file in messages. */
    public static Project parse(String json, Path source) {
        JsonNode root;
        try {
            root = ProjectJson.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr();
            throw new ProjectFileException(source, null, "not valid JSON" + where + ": " + e.getOriginalMessage(), e);
        }
        if (!(root instanceof ObjectNode user)) {
            throw new ProjectFileException(source, null, "must contain a JSON object", null);
        }
        JsonNode version = user.get("schema_version");
        if (version == null) {
            throw new ProjectFileException(source, null,
                    "schema_version is missing (this build reads " + SCHEMA_VERSION + ")", null);
        }
        if (!version.isIntegralNumber()) {
            throw new ProjectFileException(source, "schema_version", "must be a whole number, was " + version, null);
        }
        if (version.asInt() != SCHEMA_VERSION || !version.canConvertToInt()) {
            throw new ProjectFileException(source, null, "schema_version " + version.asText()
                    + " is not supported (this build reads " + SCHEMA_VERSION + ")", null);
        }
        ObjectNode content = user.deepCopy();
        content.remove("schema_version");
        Preset preset;
        try {
            JsonNode p = content.get("preset");
            preset = p == null ? Preset.PAPER : Preset.parse("preset", p.isTextual() ? p.asText() : p.toString());
        } catch (dev.rankadaptor.common.InvalidFieldException e) {
            throw new ProjectFileException(source, "preset", "must be \"paper\" or \"none\", was " + content.get("preset"), e);
        }
        ObjectNode merged = ProjectJson.defaultsTree(preset, layerCount(content, source));
        ProjectJson.overlay(merged, content);
        return ProjectJson.toProject(merged, source);
    }

    /**
     * The checkpoint's num_hidden_layers from its config.json when the file can be read now (for
     * layer-count dependent defaults); null otherwise, never an error: the checkpoint is checked
     * when the run opens it.
     */
    private static Integer layerCount(ObjectNode content, Path source) {
        JsonNode ck = content.get("checkpoint");
        if (ck == null || !ck.isTextual() || source == null) {
            return null;
        }
        try {
            Path folder = source.toAbsolutePath().getParent();
            Path config = (folder == null ? Path.of(ck.asText()) : folder.resolve(ck.asText())).resolve("config.json");
            if (!Files.isRegularFile(config)) {
                return null;
            }
            JsonNode n = ProjectJson.MAPPER.readTree(Files.readString(config)).get("num_hidden_layers");
            return n != null && n.canConvertToInt() ? n.asInt() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The file text: schema_version first, then every field (defaults written out explicitly). */
    public static String toJson(Project project) {
        ObjectNode root = ProjectJson.MAPPER.createObjectNode();
        root.put("schema_version", SCHEMA_VERSION);
        root.setAll((ObjectNode) ProjectJson.MAPPER.valueToTree(project));
        try {
            return ProjectJson.MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise project", e);
        }
    }

    /** Writes the project atomically to {@code file}. */
    public static ProjectFile write(Path file, Project project) {
        AtomicFiles.writeString(file, toJson(project));
        return new ProjectFile(file, project);
    }

    /** Saves this project to its own path, atomically. */
    public ProjectFile save() {
        return write(path, project);
    }

    /** A copy with another content, same file. */
    public ProjectFile with(Project newProject) {
        return new ProjectFile(path, newProject);
    }

    /**
     * A stable hash of the configuration (SHA-256 of its canonical JSON, hex): equal projects give
     * equal hashes, which is what a run's journal records to tie results to a configuration.
     */
    public static String hash(Project project) {
        try {
            byte[] canonical = ProjectJson.MAPPER.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsBytes(project);
            return Sha256.hex(canonical);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot hash project", e);
        }
    }

    /** The folder holding the project file; relative paths resolve against it. */
    public Path folder() {
        return path.getParent();
    }

    /** Resolves a path written in the project (relative to the project folder, or absolute). */
    public Path resolve(String relativeOrAbsolute) {
        return resolve(folder(), relativeOrAbsolute);
    }

    /**
     * The one resolution of a path written in a project: against {@code projectFolder}, or the
     * working directory when no project file exists yet (null); absolute paths stay as they are.
     */
    public static Path resolve(Path projectFolder, String relativeOrAbsolute) {
        Path p = Path.of(relativeOrAbsolute);
        return (p.isAbsolute() || projectFolder == null ? p : projectFolder.resolve(p)).toAbsolutePath().normalize();
    }

    public Path checkpointPath() {
        return resolve(project.checkpoint());
    }

    public Path calibrationPath() {
        return resolve(project.pruning().calibrationFile());
    }

    public Path recoveryDataPath() {
        return resolve(project.recovery().dataFile());
    }

    public Path taskFolderPath() {
        return resolve(project.evaluation().taskFolder());
    }

    /** The folder of the selection part's task files, or null when the task files are split at random. */
    public Path selectionFolderPath() {
        return project.evaluation().hasSelectionFolder() ? resolve(project.evaluation().selectionFolder()) : null;
    }

    public List<Path> trialBankPaths() {
        return project.search().trialBank().stream().map(this::resolve).toList();
    }

    /** Where this project's runs live: {@code <project folder>/runs}. */
    public Path runsFolder() {
        return folder().resolve("runs");
    }
}

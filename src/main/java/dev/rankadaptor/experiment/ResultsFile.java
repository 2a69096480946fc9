package dev.rankadaptor.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rankadaptor.common.AtomicFiles;
import dev.rankadaptor.common.InvalidFieldException;
import dev.rankadaptor.common.UserInputException;

import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code results.json}: the results table with its raw per-repeat values, versioned like the project
 * file and written atomically, so the report and the GUI can show a finished (or partial) run
 * without replaying its journal.
 */
public final class ResultsFile {
    public static final int SCHEMA_VERSION = 1;

    private ResultsFile() {
    }

    public static String toJson(ResultsTable table) {
        ObjectNode root = ProjectJson.MAPPER.createObjectNode();
        root.put("schema_version", SCHEMA_VERSION);
        root.setAll((ObjectNode) ProjectJson.MAPPER.valueToTree(table));
        try {
            return ProjectJson.MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise results", e);
        }
    }

    public static void write(Path file, ResultsTable table) {
        AtomicFiles.writeString(file, toJson(table));
    }

    public static ResultsTable read(Path file) {
        try {
            JsonNode root = ProjectJson.MAPPER.readTree(java.nio.file.Files.readString(file));
            if (!(root instanceof ObjectNode obj)) {
                throw new UserInputException(file + ": must contain a JSON object");
            }
            JsonNode v = obj.remove("schema_version");
            if (v == null || !v.isIntegralNumber() || v.asInt() != SCHEMA_VERSION) {
                throw new UserInputException(file + ": schema_version " + v + " is not supported (this build reads "
                        + SCHEMA_VERSION + ")");
            }
            return ProjectJson.MAPPER.treeToValue(obj, ResultsTable.class);
        } catch (JsonProcessingException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof InvalidFieldException f) {
                    throw new UserInputException(file + ": " + f.getMessage(), e);
                }
            }
            throw new UserInputException(file + ": not a valid results file: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }
}

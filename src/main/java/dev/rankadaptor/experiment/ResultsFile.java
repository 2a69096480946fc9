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

    /** Key of the optional predictive-power object (runs of builds before it lack it). */
    public static final String PREDICTIVE_POWER = "predictive_power";

    public static String toJson(ResultsTable table) {
        return toJson(table, null);
    }

    /** The table and, when given, the performance model's predictive power on the run's trials. */
    public static String toJson(ResultsTable table, dev.rankadaptor.search.PredictivePower power) {
        ObjectNode root = ProjectJson.MAPPER.createObjectNode();
        root.put("schema_version", SCHEMA_VERSION);
        root.setAll((ObjectNode) ProjectJson.MAPPER.valueToTree(table));
        if (power != null) {
            root.set(PREDICTIVE_POWER, PredictivePowerJson.toJson(power));
        }
        try {
            return ProjectJson.MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise results", e);
        }
    }

    public static void write(Path file, ResultsTable table) {
        AtomicFiles.writeString(file, toJson(table));
    }

    public static void write(Path file, ResultsTable table, dev.rankadaptor.search.PredictivePower power) {
        AtomicFiles.writeString(file, toJson(table, power));
    }

    /** The predictive power stored in a results file, or null when it has none. */
    public static dev.rankadaptor.search.PredictivePower readPredictivePower(Path file) {
        try {
            JsonNode root = ProjectJson.MAPPER.readTree(java.nio.file.Files.readString(file));
            JsonNode p = root == null ? null : root.get(PREDICTIVE_POWER);
            return p == null || !p.isObject() ? null : PredictivePowerJson.fromJson(p);
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    public static ResultsTable read(Path file) {
        try {
            JsonNode root = ProjectJson.MAPPER.readTree(java.nio.file.Files.readString(file));
            if (!(root instanceof ObjectNode obj)) {
                throw new UserInputException(file + ": must contain a JSON object");
            }
            JsonNode v = obj.remove("schema_version");
            obj.remove(PREDICTIVE_POWER);
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

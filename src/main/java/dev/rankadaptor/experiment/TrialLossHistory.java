package dev.rankadaptor.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rankadaptor.common.AtomicFiles;
import dev.rankadaptor.common.UserInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The training loss of every optimizer step of one trial, {@code trials/<index>/loss.json}, so the
 * workbench's trial detail can draw the real curve (the journal keeps only its summary,
 * {@link LossSummary}). Written atomically by the process that trained the trial when its last step is
 * done; a trial re-run on resume overwrites it. NaN losses are the string "NaN", as in the journal.
 */
public record TrialLossHistory(int index, double[] losses) {
    public static final String FILE = "loss.json";

    public TrialLossHistory {
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, was " + index);
        }
        losses = losses.clone();
    }

    @Override
    public double[] losses() {
        return losses.clone();
    }

    /** {@code trials/<index>/loss.json} of a run folder. */
    public static Path file(Path runFolder, int index) {
        return runFolder.resolve(RunDirectory.TRIALS).resolve(Integer.toString(index)).resolve(FILE);
    }

    /** Writes the history atomically. */
    public void write(Path file) {
        ObjectNode root = ProjectJson.MAPPER.createObjectNode();
        root.put("schema_version", 1);
        root.put("index", index);
        ArrayNode arr = root.putArray("losses");
        for (double l : losses) {
            if (Double.isFinite(l)) {
                arr.add(l);
            } else {
                arr.add("NaN");
            }
        }
        AtomicFiles.writeString(file, root.toString() + "\n");
    }

    /** The history, or empty when the trial has none (older runs, a reused measurement); a damaged file names itself. */
    public static Optional<TrialLossHistory> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode root = ProjectJson.MAPPER.readTree(Files.readString(file));
            JsonNode arr = root == null ? null : root.get("losses");
            if (arr == null || !arr.isArray() || !root.path("index").canConvertToInt()) {
                throw new UserInputException(file + ": expected {\"index\": N, \"losses\": [...]}");
            }
            double[] out = new double[arr.size()];
            for (int i = 0; i < out.length; i++) {
                JsonNode v = arr.get(i);
                if (v.isNumber()) {
                    out[i] = v.asDouble();
                } else if (v.isTextual() && v.asText().equals("NaN")) {
                    out[i] = Double.NaN;
                } else {
                    throw new UserInputException(file + ": losses[" + i + "] must be a number or \"NaN\", was " + v);
                }
            }
            return Optional.of(new TrialLossHistory(root.get("index").asInt(), out));
        } catch (IOException e) {
            throw new UserInputException(file + ": not a readable loss history: " + e.getMessage(), e);
        }
    }
}

package dev.rankadaptor.recover;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rankadaptor.common.Json;
import dev.rankadaptor.common.UserInputException;
import dev.rankadaptor.eval.DataFormat;
import dev.rankadaptor.eval.DataRow;
import dev.rankadaptor.eval.TaskDataReader;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Alpaca-format recovery data (instruction, input, output): a JSON array of objects
 * (alpaca_data.json, yahma/alpaca-cleaned), JSON Lines, or a Parquet / Arrow IPC table with those
 * columns (the hub's and the datasets cache's form of yahma/alpaca-cleaned); the container is
 * detected from the content ({@link DataFormat}). A row that lacks a field fails with a message
 * naming the file and the line (JSONL), array index (JSON) or row (tables).
 */
public final class AlpacaReader {
    private AlpacaReader() {
    }

    public static List<InstructionRecord> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserInputException("recovery data file " + file + " does not exist");
        }
        DataFormat format = DataFormat.detect(file);
        if (format == DataFormat.PARQUET || format == DataFormat.ARROW_STREAM || format == DataFormat.ARROW_FILE) {
            List<InstructionRecord> out = new ArrayList<>();
            for (DataRow r : TaskDataReader.read(file)) {
                out.add(row(r.node(), file, "row " + r.line()));
            }
            return out;
        }
        try {
            if (looksLikeArray(file)) {
                return readArray(file);
            }
            return readLines(file);
        } catch (IOException e) {
            throw new UserInputException("cannot read recovery data " + file + ": " + e.getMessage(), e);
        }
    }

    private static boolean looksLikeArray(Path file) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int c;
            while ((c = r.read()) != -1) {
                if (c == '\uFEFF' || Character.isWhitespace(c)) {
                    continue;
                }
                return c == '[';
            }
        }
        throw new UserInputException("recovery data " + file + " is empty: expected a JSON array or JSON Lines of "
                + "{\"instruction\", \"input\", \"output\"} rows");
    }

    private static List<InstructionRecord> readArray(Path file) throws IOException {
        JsonNode root;
        try {
            root = Json.mapper().readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UserInputException("recovery data " + file + " is not valid JSON: " + e.getOriginalMessage()
                    + " (line " + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ")", e);
        }
        List<InstructionRecord> out = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            out.add(row(root.get(i), file, "index " + i));
        }
        return out;
    }

    private static List<InstructionRecord> readLines(Path file) throws IOException {
        List<InstructionRecord> out = new ArrayList<>();
        int lineNo = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = Json.compact().readTree(line);
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new UserInputException("recovery data " + file + " line " + lineNo + " is not valid JSON: "
                            + e.getOriginalMessage());
                }
                out.add(row(node, file, "line " + lineNo));
            }
        }
        return out;
    }

    private static InstructionRecord row(JsonNode node, Path file, String where) {
        if (node == null || !node.isObject()) {
            throw new UserInputException("recovery data " + file + " " + where + ": expected an object with "
                    + "\"instruction\", \"input\" and \"output\"");
        }
        String instruction = text(node, "instruction", file, where, true);
        String input = text(node, "input", file, where, false);
        String output = text(node, "output", file, where, true);
        return new InstructionRecord(instruction, input, output);
    }

    private static String text(JsonNode node, String field, Path file, String where, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new UserInputException("recovery data " + file + " " + where + ": missing field \"" + field
                        + "\" (expected instruction, input, output)");
            }
            return "";
        }
        if (!v.isTextual()) {
            throw new UserInputException("recovery data " + file + " " + where + ": field \"" + field
                    + "\" must be a string, was " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        return v.asText();
    }
}

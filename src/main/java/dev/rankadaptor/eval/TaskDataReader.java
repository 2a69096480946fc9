package dev.rankadaptor.eval;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rankadaptor.common.Json;
import dev.rankadaptor.common.UserInputException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads dataset rows from local files, whatever container they come in, keeping where each row
 * came from (line, or row number of a table file) for error messages. The container is detected
 * from the content ({@link DataFormat#detect}), never from the extension: JSON Lines (one object
 * per line; blank lines skipped), a JSON array of objects, Parquet ({@link ParquetRows}) and Arrow
 * IPC stream / file ({@link ArrowIpcRows}). Table rows are converted to the JSON shape of the
 * Hugging Face JSON Lines rows, so the task definitions read every format the same way.
 */
public final class TaskDataReader {
    private static final ObjectMapper MAPPER = Json.compact();

    private TaskDataReader() {
    }

    /** All rows of the file, in file order. */
    public static List<DataRow> read(Path file) {
        String name = file.toString();
        if (!Files.exists(file)) {
            throw new UserInputException(name + ": file not found (expected a JSONL or JSON task data file)");
        }
        if (Files.isDirectory(file)) {
            throw new UserInputException(name + ": is a folder (expected a JSONL, JSON, Parquet or Arrow data file)");
        }
        DataFormat format = DataFormat.detect(file);
        switch (format) {
            case PARQUET:
                return ParquetRows.read(file);
            case ARROW_STREAM:
            case ARROW_FILE:
                return ArrowIpcRows.read(file);
            default:
                break;
        }
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UserInputException(name + ": file not found (expected a JSONL or JSON task data file)");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new UserInputException(name + ": not UTF-8 text (expected a JSONL or JSON task data file)");
        } catch (IOException e) {
            throw new UserInputException(name + ": cannot be read: " + e.getMessage(), e);
        }
        return parse(name, content);
    }

    /** Parses already-loaded text; {@code name} is used in messages. */
    public static List<DataRow> parse(String name, String content) {
        String s = content.startsWith("\uFEFF") ? content.substring(1) : content;
        String trimmed = s.stripLeading();
        if (trimmed.startsWith("[")) {
            return parseArray(name, s);
        }
        return parseLines(name, s);
    }

    private static List<DataRow> parseLines(String name, String content) {
        List<DataRow> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new java.io.StringReader(content))) {
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = MAPPER.readTree(line);
                } catch (JsonProcessingException e) {
                    throw new UserInputException(name + ":" + lineNo + ": not valid JSON (expected one JSON object per line): "
                            + e.getOriginalMessage());
                }
                rows.add(checkObject(name, lineNo, node));
            }
        } catch (IOException e) {
            throw new UserInputException(name + ": cannot be read: " + e.getMessage(), e);
        }
        return rows;
    }

    private static List<DataRow> parseArray(String name, String content) {
        List<DataRow> rows = new ArrayList<>();
        try (JsonParser p = MAPPER.getFactory().createParser(content)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new UserInputException(name + ": expected a JSON array of row objects");
            }
            while (true) {
                JsonToken t = p.nextToken();
                if (t == JsonToken.END_ARRAY) {
                    break;
                }
                if (t == null) {
                    throw new UserInputException(name + ": unexpected end of file inside the JSON array");
                }
                int line = p.currentTokenLocation().getLineNr();
                JsonNode node = MAPPER.readTree(p);
                rows.add(checkObject(name, line, node));
            }
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            throw new UserInputException(name + ":" + line + ": not valid JSON (expected a JSON array of row objects): "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UserInputException(name + ": cannot be read: " + e.getMessage(), e);
        }
        return rows;
    }

    private static DataRow checkObject(String name, int line, JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new UserInputException(name + ":" + line + ": row is not a JSON object (expected {\"field\": ...})");
        }
        return new DataRow(name, line, node);
    }

    /** The whole file memory-mapped read-only, little-endian (Parquet and Arrow); user errors name the file. */
    static java.nio.ByteBuffer mapLittleEndian(Path file) {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.READ)) {
            return ch.map(java.nio.channels.FileChannel.MapMode.READ_ONLY, 0, ch.size()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        } catch (NoSuchFileException e) {
            throw new UserInputException(file + ": file not found");
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Runs a binary decoder; a corrupt file can make it fail anywhere, so every failure that is
     * not already a user error becomes one naming the file ("…: not a readable Parquet file (…)").
     */
    static <T> T decodeNamed(String name, String what, java.util.function.Supplier<T> decode) {
        try {
            return decode.get();
        } catch (UserInputException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new UserInputException(name + ": not a readable " + what + " (" + e.getMessage() + ")", e);
        }
    }

    /** Reads a stream fully as UTF-8 (for bundled resources); {@code name} is used in messages. */
    public static List<DataRow> read(String name, InputStream in) {
        try {
            return parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UserInputException(name + ": cannot be read: " + e.getMessage(), e);
        }
    }
}

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
import java.util.Locale;

/**
 * Reads dataset rows from local files in the Hugging Face row formats, keeping the line of each
 * row for error messages. Supported: JSON Lines (one object per line; blank lines skipped) and a
 * JSON array of objects. The format is chosen by the first non-blank character ('[' = array),
 * so a ".json" file written as JSON Lines (what datasets' to_json writes) reads fine too.
 * Parquet is not supported: there is no lean pure-Java Parquet reader (the Apache one drags in
 * Hadoop), so such files are refused with a message telling how to convert them to JSONL.
 */
public final class TaskDataReader {
    private static final ObjectMapper MAPPER = Json.compact();

    private TaskDataReader() {
    }

    /** All rows of the file, in file order. */
    public static List<DataRow> read(Path file) {
        String name = file.toString();
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".parquet")) {
            throw new UserInputException(name + ": Parquet files are not supported (expected JSONL or JSON); convert with "
                    + "python -c \"import pandas as p; p.read_parquet('" + file.getFileName() + "').to_json('out.jsonl', orient='records', lines=True)\"");
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

    /** Reads a stream fully as UTF-8 (for bundled resources); {@code name} is used in messages. */
    public static List<DataRow> read(String name, InputStream in) {
        try {
            return parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UserInputException(name + ": cannot be read: " + e.getMessage(), e);
        }
    }
}

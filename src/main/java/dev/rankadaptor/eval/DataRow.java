package dev.rankadaptor.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rankadaptor.common.UserInputException;

import java.util.ArrayList;
import java.util.List;

/**
 * One dataset row as read from a file, with where it came from, and typed field access that
 * turns every missing or mistyped field into a {@link UserInputException} naming the file, the
 * line and the field: a broken data file is the user's to fix and must say exactly where.
 *
 * @param file     display name of the source file
 * @param line     1-based line where the row starts, or the 1-based row number in a table file
 * @param node     the parsed JSON object (table rows are converted to the same JSON shape)
 * @param tableRow true when {@code line} is a row number of a Parquet / Arrow file, not a text line
 */
public record DataRow(String file, int line, JsonNode node, boolean tableRow) {

    /** A row of a text file (JSON Lines / JSON), {@code line} being its line. */
    public DataRow(String file, int line, JsonNode node) {
        this(file, line, node, false);
    }

    /** "file:line" (text files) or "file row N" (table files), the prefix of every message about this row. */
    public String where() {
        return tableRow ? file + " row " + line : file + ":" + line;
    }

    /** A user error about one field of this row. */
    public UserInputException fieldError(String field, String problem) {
        return new UserInputException(where() + ": field '" + field + "' " + problem);
    }

    /** True when the (dotted) field exists and is not JSON null. */
    public boolean has(String field) {
        JsonNode n = lookup(field);
        return n != null && !n.isNull();
    }

    /** A required string field. */
    public String text(String field) {
        JsonNode n = require(field, "string");
        if (!n.isTextual()) {
            throw wrongType(field, n, "string");
        }
        return n.asText();
    }

    /** A required array of strings with at least {@code minSize} entries. */
    public List<String> texts(String field, int minSize) {
        String expected = "array of at least " + minSize + " strings";
        JsonNode n = require(field, expected);
        if (!n.isArray()) {
            throw wrongType(field, n, expected);
        }
        List<String> out = new ArrayList<>(n.size());
        for (JsonNode e : n) {
            if (!e.isTextual()) {
                throw wrongType(field, n, expected);
            }
            out.add(e.asText());
        }
        if (out.size() < minSize) {
            throw fieldError(field, "has " + out.size() + " entries (expected " + expected + ")");
        }
        return out;
    }

    /**
     * The string {@code member} of every object in the required array {@code field}, at least
     * {@code minSize} of them: the original ARC / OpenBookQA releases list choices as
     * {@code [{"text": ..., "label": ...}, ...]}. Errors name the entry, e.g. "question.choices[2].text".
     */
    public List<String> memberTexts(String field, String member, int minSize) {
        String expected = "array of at least " + minSize + " objects with a string '" + member + "'";
        JsonNode n = require(field, expected);
        if (!n.isArray()) {
            throw wrongType(field, n, expected);
        }
        List<String> out = new ArrayList<>(n.size());
        for (int i = 0; i < n.size(); i++) {
            JsonNode e = n.get(i);
            JsonNode v = e.isObject() ? e.get(member) : null;
            String entry = field + "[" + i + "]." + member;
            if (v == null || v.isNull()) {
                throw fieldError(entry, "missing (expected a string)");
            }
            if (!v.isTextual()) {
                throw wrongType(entry, v, "string");
            }
            out.add(v.asText());
        }
        if (out.size() < minSize) {
            throw fieldError(field, "has " + out.size() + " entries (expected " + expected + ")");
        }
        return out;
    }

    /**
     * A required integer in [min, max], given either as a JSON integer or as a string holding
     * one (Hugging Face stores HellaSwag labels and WinoGrande answers as strings).
     */
    public int index(String field, int min, int max) {
        String expected = "integer " + min + ".." + max + " (number or numeric string)";
        JsonNode n = require(field, expected);
        int value;
        if (n.isIntegralNumber() && n.canConvertToInt()) {
            value = n.intValue();
        } else if (n.isTextual()) {
            try {
                value = Integer.parseInt(n.asText().trim());
            } catch (NumberFormatException e) {
                throw wrongType(field, n, expected);
            }
        } else {
            throw wrongType(field, n, expected);
        }
        if (value < min || value > max) {
            throw fieldError(field, "is " + value + " (expected " + expected + ")");
        }
        return value;
    }

    /** A required boolean field. */
    public boolean bool(String field) {
        JsonNode n = require(field, "boolean");
        if (!n.isBoolean()) {
            throw wrongType(field, n, "boolean");
        }
        return n.booleanValue();
    }

    private JsonNode require(String field, String expected) {
        JsonNode n = lookup(field);
        if (n == null || n.isNull()) {
            throw fieldError(field, "missing (expected " + expected + ")");
        }
        return n;
    }

    private UserInputException wrongType(String field, JsonNode n, String expected) {
        String shown = n.toString();
        if (shown.length() > 40) {
            shown = shown.substring(0, 37) + "...";
        }
        return fieldError(field, "has the wrong type: " + n.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                + " " + shown + " (expected " + expected + ")");
    }

    /** Resolves "a.b" through nested objects; null when any step is absent. */
    private JsonNode lookup(String field) {
        JsonNode cur = node;
        for (String part : field.split("\\.")) {
            if (cur == null || !cur.isObject()) {
                return null;
            }
            cur = cur.get(part);
        }
        return cur;
    }
}

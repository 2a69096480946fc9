package dev.rankadaptor.eval;

import dev.rankadaptor.common.UserInputException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The container formats a task or recovery data file may have, told apart by the file's first
 * bytes, never by its extension: the Hugging Face tools name files freely (a datasets-cache
 * ".arrow" file is an IPC stream, a ".json" file is often JSON Lines), so only the content is
 * trusted. See docs/data-formats.md.
 */
public enum DataFormat {
    /** One JSON object per line (what {@code datasets.Dataset.to_json} writes). */
    JSON_LINES("JSON Lines"),
    /** A JSON array of row objects (alpaca_data.json). */
    JSON_ARRAY("JSON array"),
    /** Apache Parquet ("PAR1" at both ends), as the Hugging Face hub stores datasets. */
    PARQUET("Parquet"),
    /** Arrow IPC stream (continuation marker 0xFFFFFFFF first), as the datasets library caches tables. */
    ARROW_STREAM("Arrow IPC stream"),
    /** Arrow IPC file ("ARROW1" magic, then a stream, then a footer). */
    ARROW_FILE("Arrow IPC file");

    private final String label;

    DataFormat(String label) {
        this.label = label;
    }

    /** Name shown to users ("Parquet", "Arrow IPC stream"). */
    public String label() {
        return label;
    }

    /** The format of a file from its first bytes; a user error naming the file when none fits. */
    public static DataFormat detect(Path file) {
        byte[] head = new byte[64];
        int n = 0;
        try (InputStream in = Files.newInputStream(file)) {
            int r;
            while (n < head.length && (r = in.read(head, n, head.length - n)) > 0) {
                n += r;
            }
        } catch (NoSuchFileException e) {
            throw new UserInputException(file + ": file not found");
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot be read: " + e.getMessage(), e);
        }
        return detect(file.toString(), head, n);
    }

    /** The format of content starting with {@code head[0..n)}; {@code name} is used in messages. */
    public static DataFormat detect(String name, byte[] head, int n) {
        if (startsWith(head, n, "PAR1")) {
            return PARQUET;
        }
        if (startsWith(head, n, "ARROW1")) {
            return ARROW_FILE;
        }
        if (n >= 4 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xff && (head[2] & 0xff) == 0xff && (head[3] & 0xff) == 0xff) {
            return ARROW_STREAM;
        }
        int i = 0;
        if (n >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF) {
            i = 3;
        }
        while (i < n && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n')) {
            i++;
        }
        if (i < n && head[i] == '[') {
            return JSON_ARRAY;
        }
        if (i < n && head[i] == '{') {
            return JSON_LINES;
        }
        if (i == n) {
            return JSON_LINES; // blank so far: text, whose reader reports "no rows" if nothing follows
        }
        throw new UserInputException(name + ": not a data file this tool reads (expected JSON Lines, a JSON array, Parquet "
                + "or Arrow IPC; the file starts with " + shown(head, Math.min(n, 8)) + ")");
    }

    private static boolean startsWith(byte[] head, int n, String magic) {
        if (n < magic.length()) {
            return false;
        }
        for (int i = 0; i < magic.length(); i++) {
            if (head[i] != magic.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static String shown(byte[] b, int n) {
        StringBuilder s = new StringBuilder("0x");
        for (int i = 0; i < n; i++) {
            s.append(String.format("%02x", b[i] & 0xff));
        }
        return s.toString();
    }
}

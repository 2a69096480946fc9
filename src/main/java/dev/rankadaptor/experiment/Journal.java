package dev.rankadaptor.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * The append-only writer of {@code journal.jsonl}. Each record is one line written with a single
 * write and synced to disk ({@code FileChannel.force}) before {@link #append} returns, so a crash
 * loses at most the record being written, never an acknowledged one. Opening a journal whose last
 * line was torn by a crash cuts that fragment off (keeping it in {@code journal.jsonl.torn}), so
 * that new records never land behind garbage. One writer per run: the run lock guarantees it.
 */
public final class Journal implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final Clock clock;
    private final String repairWarning;

    private Journal(Path file, FileChannel channel, Clock clock, String repairWarning) {
        this.file = file;
        this.channel = channel;
        this.clock = clock;
        this.repairWarning = repairWarning;
    }

    /** Opens (creating if needed) a journal for appending. */
    public static Journal open(Path file) {
        return open(file, Clock.systemUTC());
    }

    static Journal open(Path file, Clock clock) {
        try {
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            try {
                String warning = repairTail(file, ch);
                return new Journal(file, ch, clock, warning);
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open journal " + file + ": " + e.getMessage(), e);
        }
    }

    /** Ends the file on a newline: completes an intact unterminated record, or cuts a torn one off. */
    private static String repairTail(Path file, FileChannel ch) throws IOException {
        long size = ch.size();
        if (size == 0 || lastByte(ch, size) == '\n') {
            return null;
        }
        long start = size;
        ByteBuffer one = ByteBuffer.allocate(1);
        while (start > 0) {
            one.clear();
            ch.read(one, start - 1);
            if (one.get(0) == '\n') {
                break;
            }
            start--;
        }
        ByteBuffer tail = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8, size - start));
        ch.read(tail, start);
        String text = new String(tail.array(), 0, tail.position(), StandardCharsets.UTF_8);
        if (JournalReader.parseLine(text) != null) {
            writeFully(ch, ByteBuffer.wrap(new byte[]{'\n'}), size);
            ch.force(false);
            return null;
        }
        Path torn = file.resolveSibling(file.getFileName() + ".torn");
        Files.write(torn, (text + "\n").getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        ch.truncate(start);
        ch.force(false);
        return file + ": an incomplete last record (" + (size - start) + " bytes, from a crash during a write) was cut off and kept in " + torn.getFileName();
    }

    private static byte lastByte(FileChannel ch, long size) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(1);
        ch.read(b, size - 1);
        return b.get(0);
    }

    private static void writeFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            pos += ch.write(buf, pos);
        }
    }

    /** Writes one record as one line and syncs it to disk before returning. */
    public synchronized void append(JournalRecord record) {
        ObjectNode body = JournalJson.MAPPER.valueToTree(record);
        ObjectNode line = JournalJson.MAPPER.createObjectNode();
        line.set("type", body.get("type"));
        line.put("time", Instant.now(clock).toString());
        for (Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> e : body.properties()) {
            if (!e.getKey().equals("type")) {
                line.set(e.getKey(), e.getValue());
            }
        }
        byte[] bytes;
        try {
            bytes = (JournalJson.MAPPER.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise journal record " + record, e);
        }
        try {
            writeFully(channel, ByteBuffer.wrap(bytes), channel.size());
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to journal " + file + ": " + e.getMessage(), e);
        }
    }

    /** The warning about a torn last record that opening cut off, or null when the file was intact. */
    public String repairWarning() {
        return repairWarning;
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close journal " + file + ": " + e.getMessage(), e);
        }
    }
}

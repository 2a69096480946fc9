package dev.rankadaptor.common;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 as lowercase hex, the one hash the project records (project hash in the journal, pruned
 * model keys, provenance of pruned weights): one place for the digest, the file reading and the
 * error wording.
 */
public final class Sha256 {
    private static final int BUFFER = 1 << 20;

    private Sha256() {
    }

    /** A fresh SHA-256 digest (every Java platform has one, so its absence is a bug, not input). */
    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }

    /** Hex of a finished digest. */
    public static String hex(MessageDigest md) {
        return HexFormat.of().formatHex(md.digest());
    }

    /** Hex SHA-256 of {@code bytes}. */
    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    /**
     * Hex SHA-256 of a whole file; {@code what} names the file in the message when it cannot be read
     * (e.g. "calibration file").
     */
    public static String ofFile(Path file, String what) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            MessageDigest md = digest();
            update(md, ch, 0, ch.size());
            return hex(md);
        } catch (IOException e) {
            throw new UserInputException(file + ": " + what + " cannot be read to hash it: " + e.getMessage(), e);
        }
    }

    /** Feeds {@code length} bytes of {@code ch} from {@code from} into {@code md} (fewer at the end of the file). */
    public static void update(MessageDigest md, FileChannel ch, long from, long length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(Math.max(length, 1), BUFFER));
        long pos = from;
        long end = from + length;
        while (pos < end) {
            buf.clear();
            buf.limit((int) Math.min(buf.capacity(), end - pos));
            int n = ch.read(buf, pos);
            if (n < 0) {
                break;
            }
            buf.flip();
            md.update(buf);
            pos += n;
        }
    }
}

package dev.rankadaptor.checkpoint;

import dev.rankadaptor.common.UserInputException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * The bytes of a pickle program as {@link TorchUnpickler} reads them: little-endian fixed-width
 * numbers, length-prefixed strings and newline-terminated names, each checked against what is left
 * so a truncated or lying pickle ends in a message, never in an allocation sized by the file.
 */
final class PickleInput {
    private final ByteBuffer in;
    private final Function<String, UserInputException> bad;

    /** {@code bad} turns a problem into the message that names the file. */
    PickleInput(byte[] pickle, Function<String, UserInputException> bad) {
        this.in = ByteBuffer.wrap(pickle).order(ByteOrder.LITTLE_ENDIAN);
        this.bad = bad;
    }

    boolean hasRemaining() {
        return in.hasRemaining();
    }

    int position() {
        return in.position();
    }

    int u16() {
        need(2);
        return in.getShort() & 0xffff;
    }

    int i32() {
        need(4);
        return in.getInt();
    }

    double f64BigEndian() {
        need(8);
        double v = in.order(ByteOrder.BIG_ENDIAN).getDouble();
        in.order(ByteOrder.LITTLE_ENDIAN);
        return v;
    }

    String line(int at) {
        int start = in.position();
        for (int p = start; p < in.limit() && p - start < 256; p++) {
            if (in.get(p) == '\n') {
                byte[] b = new byte[p - start];
                in.get(b);
                in.get();
                return new String(b, StandardCharsets.UTF_8);
            }
        }
        throw bad.apply("GLOBAL at byte " + at + " has no newline-terminated name");
    }

    int u8() {
        need(1);
        return in.get() & 0xff;
    }

    long u32() {
        need(4);
        return in.getInt() & 0xffffffffL;
    }

    long u64(int at) {
        need(8);
        long v = in.getLong();
        if (v < 0) {
            throw bad.apply("length at byte " + at + " is out of range");
        }
        return v;
    }

    int length(long n, int at) {
        if (n > in.remaining()) {
            throw bad.apply("the value at byte " + at + " declares " + n + " bytes but only " + in.remaining() + " remain (truncated pickle)");
        }
        return (int) n;
    }

    Object longLe(int n, int at) {
        if (n > 8) {
            throw bad.apply("integer of " + n + " bytes at byte " + at + " is too large for a tensor size or offset");
        }
        byte[] b = bytes(n);
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = (v << 8) | (b[i] & 0xff);
        }
        if (n > 0 && n < 8 && (b[n - 1] & 0x80) != 0) {
            v -= 1L << (8 * n); // two's complement sign of the top byte
        }
        return v;
    }

    String utf8(int n) {
        return new String(bytes(n), StandardCharsets.UTF_8);
    }

    byte[] bytes(int n) {
        need(n);
        byte[] b = new byte[n];
        in.get(b);
        return b;
    }

    void need(int n) {
        if (in.remaining() < n) {
            throw bad.apply("ends in the middle of a value (truncated pickle)");
        }
    }
}

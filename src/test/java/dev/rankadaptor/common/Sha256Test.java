package dev.rankadaptor.common;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Sha256Test {
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    private static final String EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @Test
    void hexOfBytesMatchesTheStandardTestVectors() {
        assertEquals(ABC, Sha256.hex("abc".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(EMPTY, Sha256.hex(new byte[0]));
    }

    @Test
    void fileHashEqualsTheHashOfItsBytesAcrossBufferBoundaries(@TempDir Path dir) throws Exception {
        byte[] data = new byte[(1 << 20) * 2 + 12345];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + 7);
        }
        Path f = dir.resolve("w.bin");
        Files.write(f, data);
        assertEquals(Sha256.hex(data), Sha256.ofFile(f, "weights"));
        Files.write(dir.resolve("e"), new byte[0]);
        assertEquals(EMPTY, Sha256.ofFile(dir.resolve("e"), "empty"));
    }

    @Test
    void updateFeedsOnlyTheAskedRange(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("t");
        Files.writeString(f, "xxabcyy");
        MessageDigest md = Sha256.digest();
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            Sha256.update(md, ch, 2, 3);
        }
        assertEquals(ABC, Sha256.hex(md));
    }

    @Test
    void anUnreadableFileIsAUserErrorNamingIt(@TempDir Path dir) {
        Path missing = dir.resolve("calib.txt");
        UserInputException e = assertThrows(UserInputException.class, () -> Sha256.ofFile(missing, "calibration file"));
        assertTrue(e.getMessage().contains("calib.txt") && e.getMessage().contains("calibration file"), e.getMessage());
    }
}

package dev.rankadaptor.checkpoint;

import dev.rankadaptor.common.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every malformed file gives a UserInputException naming the file (and tensor), never a crash. */
class SafetensorsValidationTest {
    @TempDir
    Path dir;

    private UserInputException refused(Path f, String... mustContain) {
        UserInputException e = assertThrows(UserInputException.class, () -> SafetensorsFile.open(f).close());
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        for (String s : mustContain) {
            assertTrue(e.getMessage().contains(s), "expected \"" + s + "\" in: " + e.getMessage());
        }
        return e;
    }

    private static String entry(String name, String dtype, String shape, long begin, long end) {
        return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":[" + begin + "," + end + "]}";
    }

    @Test
    void fileShorterThanTheLengthPrefix() throws Exception {
        Path f = dir.resolve("tiny.safetensors");
        Files.write(f, new byte[]{1, 2, 3});
        refused(f, "truncated");
    }

    @Test
    void headerLengthPastTheEnd() throws Exception {
        Path f = dir.resolve("long.safetensors");
        ByteBuffer b = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN).putLong(1000);
        Files.write(f, b.array());
        refused(f, "header length 1000", "past the end");
    }

    @Test
    void hugeHeaderLengthIsNotAllocated() throws Exception {
        Path f = dir.resolve("neg.safetensors");
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(-5);
        Files.write(f, b.array());
        refused(f, "past the end");
    }

    @Test
    void truncatedDataSection() throws Exception {
        Path good = dir.resolve("good.safetensors");
        new SafetensorsWriter().addFloats("w", new long[]{4, 4}, new float[16], SafetensorsDtype.F32).write(good);
        byte[] all = Files.readAllBytes(good);
        Path f = dir.resolve("cut.safetensors");
        Files.write(f, Arrays.copyOf(all, all.length - 10));
        refused(f, "tensor w", "past the end of the data");
    }

    @Test
    void offsetsOutOfRange() throws Exception {
        Path f = TinyCheckpoints.rawFile(dir.resolve("range.safetensors"),
                "{" + entry("w", "F32", "[2]", 8, 16) + "}", new byte[8]);
        refused(f, "tensor w", "data_offsets");
    }

    @Test
    void beginAfterEnd() throws Exception {
        Path f = TinyCheckpoints.rawFile(dir.resolve("rev.safetensors"),
                "{" + entry("w", "F32", "[0]", 8, 4) + "}", new byte[8]);
        refused(f, "tensor w", "begin <= end");
    }

    @Test
    void overlappingOffsets() throws Exception {
        Path f = TinyCheckpoints.rawFile(dir.resolve("overlap.safetensors"),
                "{" + entry("a", "F32", "[2]", 0, 8) + "," + entry("b", "F32", "[2]", 4, 12) + "}", new byte[12]);
        refused(f, "a", "b", "overlapping");
    }

    @Test
    void unknownDtype() throws Exception {
        Path f = TinyCheckpoints.rawFile(dir.resolve("dtype.safetensors"),
                "{" + entry("w", "Q4_K", "[2]", 0, 8) + "}", new byte[8]);
        refused(f, "tensor w", "unknown dtype \"Q4_K\"");
    }

    @Test
    void shapeDisagreesWithByteCount() throws Exception {
        Path f = TinyCheckpoints.rawFile(dir.resolve("shape.safetensors"),
                "{" + entry("w", "F16", "[3,3]", 0, 16) + "}", new byte[16]);
        refused(f, "tensor w", "needs 18 bytes", "cover 16");
    }

    @Test
    void negativeDimension() throws Exception {
        Path f = TinyCheckpoints.rawFile(dir.resolve("negdim.safetensors"),
                "{" + entry("w", "F32", "[-2,2]", 0, 16) + "}", new byte[16]);
        refused(f, "tensor w", "non-negative");
    }

    @Test
    void headerThatIsNotJson() throws Exception {
        Path f = TinyCheckpoints.rawFile(dir.resolve("json.safetensors"), "{\"w\": [1, 2", new byte[0]);
        refused(f, "not valid JSON");
    }

    @Test
    void duplicateTensorNames() throws Exception {
        Path f = TinyCheckpoints.rawFile(dir.resolve("dup.safetensors"),
                "{" + entry("w", "F32", "[1]", 0, 4) + "," + entry("w", "F32", "[1]", 4, 8) + "}", new byte[8]);
        refused(f, "not valid JSON", "w");
    }

    @Test
    void fileTruncatedWhileOpenIsReportedAndNotExtended() throws Exception {
        Path f = dir.resolve("shrink.safetensors");
        new SafetensorsWriter().addFloats("w", new long[]{64}, new float[64], SafetensorsDtype.F32).write(f);
        try (SafetensorsFile st = SafetensorsFile.open(f)) {
            long cut = Files.size(f) - 100;
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(f, java.nio.file.StandardOpenOption.WRITE)) {
                ch.truncate(cut);
            }
            UserInputException e = assertThrows(UserInputException.class, () -> st.readFloats("w"));
            assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("truncated"), e.getMessage());
            assertTrue(Files.size(f) == cut, "the file was not extended");
        }
    }

    @Test
    void missingFile() {
        refused(dir.resolve("absent.safetensors"), "does not exist");
    }

    @Test
    void missingTensorAndUnloadableDtypeAreNamed() throws Exception {
        Path f = TinyCheckpoints.rawFile(dir.resolve("ints.safetensors"),
                "{" + entry("ids", "I64", "[1]", 0, 8) + "}", new byte[8]);
        try (SafetensorsFile st = SafetensorsFile.open(f)) {
            UserInputException e = assertThrows(UserInputException.class, () -> st.readFloats("model.norm.weight"));
            assertTrue(e.getMessage().contains("model.norm.weight") && e.getMessage().contains(f.toString()), e.getMessage());
            e = assertThrows(UserInputException.class, () -> st.readFloats("ids"));
            assertTrue(e.getMessage().contains("ids") && e.getMessage().contains("I64"), e.getMessage());
        }
    }
}

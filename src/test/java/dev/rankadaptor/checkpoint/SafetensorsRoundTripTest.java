package dev.rankadaptor.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.rankadaptor.compute.DeviceChoice;
import dev.rankadaptor.compute.Engines;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SafetensorsRoundTripTest {
    private static NDManager manager;
    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        manager = Engines.newManager(DeviceChoice.cpu());
    }

    @AfterAll
    static void stop() {
        manager.close();
    }

    private static short[] halfBits(NDArray a) {
        short[] s = new short[(int) a.size()];
        a.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(s);
        return s;
    }

    @Test
    void f32AndF16RoundTripBitExact() {
        Random rnd = new Random(1);
        float[] a = TinyCheckpoints.random(6 * 5, rnd);
        a[0] = Float.MIN_VALUE;
        a[1] = -0.0f;
        a[2] = Float.MAX_VALUE;
        short[] h = new short[7 * 3];
        for (int i = 0; i < h.length; i++) {
            h[i] = (short) rnd.nextInt(0x7c00); // finite positive halves, all bit patterns
        }
        h[1] = (short) 0x8001; // negative subnormal
        Path f = dir.resolve("rt.safetensors");
        new SafetensorsWriter().metadata("format", "pt").metadata("note", "round trip")
                .addFloats("a", new long[]{6, 5}, a, SafetensorsDtype.F32)
                .addHalfBits("h", new long[]{7, 3}, h)
                .addFloats("scalar", new long[]{}, new float[]{3.5f}, SafetensorsDtype.F32)
                .write(f);
        try (SafetensorsFile st = SafetensorsFile.open(f)) {
            assertEquals(Map.of("format", "pt", "note", "round trip"), st.metadata());
            assertArrayEquals(new long[]{6, 5}, st.shape("a"));
            assertArrayEquals(a, st.readFloats("a"));
            try (NDArray x = st.load("a", manager, DataType.FLOAT32)) {
                assertEquals(DataType.FLOAT32, x.getDataType());
                assertArrayEquals(new long[]{6, 5}, x.getShape().getShape());
                int[] expected = new int[a.length];
                for (int i = 0; i < a.length; i++) {
                    expected[i] = Float.floatToRawIntBits(a[i]);
                }
                int[] actual = new int[a.length];
                x.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(actual);
                assertArrayEquals(expected, actual);
            }
            try (NDArray y = st.load("h", manager, DataType.FLOAT16)) {
                assertEquals(DataType.FLOAT16, y.getDataType());
                assertArrayEquals(h, halfBits(y));
            }
            try (NDArray y32 = st.load("h", manager, DataType.FLOAT32)) {
                float[] widened = y32.toFloatArray();
                for (int i = 0; i < h.length; i++) {
                    assertEquals(HalfFloats.f16ToFloat(h[i]), widened[i], "element " + i);
                }
            }
            try (NDArray s = st.load("scalar", manager, DataType.FLOAT32)) {
                assertEquals(0, s.getShape().dimension());
                assertEquals(3.5f, s.getFloat());
            }
        }
    }

    @Test
    void headerIsPaddedToEightBytesWithSpaces() throws Exception {
        Path f = dir.resolve("pad.safetensors");
        new SafetensorsWriter().addFloats("x", new long[]{3}, new float[]{1, 2, 3}, SafetensorsDtype.F32).write(f);
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        long n = b.getLong(0);
        assertEquals(0, n % 8);
        String header = new String(Files.readAllBytes(f), 8, (int) n, java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(header.stripTrailing().endsWith("}"), header);
        assertTrue(header.substring(header.stripTrailing().length()).chars().allMatch(c -> c == ' '), "padding is spaces");
        assertEquals(8 + n + 12, Files.size(f));
    }

    @Test
    void f32LoadedAsF16MatchesJavaRounding() {
        float[] a = TinyCheckpoints.random(64, new Random(2));
        Path f = dir.resolve("conv.safetensors");
        new SafetensorsWriter().addFloats("a", new long[]{8, 8}, a, SafetensorsDtype.F32).write(f);
        try (SafetensorsFile st = SafetensorsFile.open(f); NDArray x = st.load("a", manager, DataType.FLOAT16)) {
            short[] bits = halfBits(x);
            for (int i = 0; i < a.length; i++) {
                assertEquals(HalfFloats.floatToF16(a[i]), bits[i], "element " + i);
            }
        }
    }

    @Test
    void bf16BuiltByHandIsWidenedInJava() throws Exception {
        short[] bf = {(short) 0x3f80, (short) 0xc040, (short) 0x0001, (short) 0x7f80, (short) 0x4049, (short) 0xbf00};
        float[] expected = {1.0f, -3.0f, Float.intBitsToFloat(0x00010000), Float.POSITIVE_INFINITY,
                Float.intBitsToFloat(0x40490000), -0.5f};
        ByteBuffer data = ByteBuffer.allocate(2 + bf.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        data.putShort((short) 0x7777); // a 2-byte F16 tensor first, so the BF16 data starts at offset 2
        for (short s : bf) {
            data.putShort(s);
        }
        String header = "{\"pad\":{\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[0,2]},"
                + "\"w\":{\"dtype\":\"BF16\",\"shape\":[2,3],\"data_offsets\":[2,14]}}";
        Path f = TinyCheckpoints.rawFile(dir.resolve("bf16.safetensors"), header, data.array());
        try (SafetensorsFile st = SafetensorsFile.open(f)) {
            assertEquals(SafetensorsDtype.BF16, st.dtype("w"));
            assertArrayEquals(expected, st.readFloats("w"));
            try (NDArray x = st.load("w", manager, DataType.FLOAT32)) {
                assertArrayEquals(new long[]{2, 3}, x.getShape().getShape());
                assertArrayEquals(expected, x.toFloatArray());
            }
            try (NDArray x = st.load("w", manager, DataType.FLOAT16)) {
                assertEquals(DataType.FLOAT16, x.getDataType());
                assertEquals(-3.0f, x.toType(DataType.FLOAT32, false).toFloatArray()[1]);
            }
            // the misaligned F16 scalar-like tensor at offset 0 and odd offsets still load
            try (NDArray p = st.load("pad", manager, DataType.FLOAT32)) {
                assertEquals(HalfFloats.f16ToFloat((short) 0x7777), p.toFloatArray()[0]);
            }
        }
    }

    @Test
    void misalignedF32DataIsCopiedAligned() throws Exception {
        ByteBuffer data = ByteBuffer.allocate(2 + 16).order(ByteOrder.LITTLE_ENDIAN);
        data.putShort((short) 0);
        data.putFloat(1f).putFloat(2f).putFloat(-3f).putFloat(4.5f);
        String header = "{\"pad\":{\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[0,2]},"
                + "\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[2,18]}}";
        // header length 118 is not a multiple of 4 either: the F32 data sits at an odd file offset
        Path f = TinyCheckpoints.rawFile(dir.resolve("mis.safetensors"), header, data.array());
        try (SafetensorsFile st = SafetensorsFile.open(f); NDArray x = st.load("w", manager, DataType.FLOAT32)) {
            assertArrayEquals(new float[]{1f, 2f, -3f, 4.5f}, x.toFloatArray());
        }
    }

    @Test
    void tensorsLargerThanOneChunkLoadInRowBlocks() {
        float[] a = TinyCheckpoints.random(10 * 6, new Random(4));
        Path f = dir.resolve("chunk.safetensors");
        new SafetensorsWriter().addFloats("a", new long[]{10, 6}, a, SafetensorsDtype.F16).write(f);
        float[] expected;
        try (SafetensorsFile st = SafetensorsFile.open(f)) {
            expected = st.readFloats("a");
        }
        long saved = MappedTensorData.maxChunkBytes;
        MappedTensorData.maxChunkBytes = 3 * 6 * 4; // three F32 rows per block: 4 blocks
        try (SafetensorsFile st = SafetensorsFile.open(f); NDArray x = st.load("a", manager, DataType.FLOAT32)) {
            assertArrayEquals(expected, x.toFloatArray());
        } finally {
            MappedTensorData.maxChunkBytes = saved;
        }
    }

    @Test
    void loadedArraysCanBeModifiedWithoutTouchingTheFile() throws Exception {
        Path f = dir.resolve("cow.safetensors");
        new SafetensorsWriter().addFloats("a", new long[]{4}, new float[]{1, 2, 3, 4}, SafetensorsDtype.F32).write(f);
        byte[] before = Files.readAllBytes(f);
        try (SafetensorsFile st = SafetensorsFile.open(f); NDArray x = st.load("a", manager, DataType.FLOAT32)) {
            x.addi(x); // in place on the copy-on-write mapping
            assertArrayEquals(new float[]{2, 4, 6, 8}, x.toFloatArray());
        }
        assertArrayEquals(before, Files.readAllBytes(f));
        assertTrue(Files.size(f) > 0);
    }

    @Test
    void ndArraysAreWrittenAsF16AndF32() {
        Path f = dir.resolve("nd.safetensors");
        try (NDManager m = manager.newSubManager()) {
            NDArray a = m.create(new float[]{0.1f, 0.2f, 0.3f, 70000f}, new ai.djl.ndarray.types.Shape(2, 2));
            new SafetensorsWriter().add("f32", a, DataType.FLOAT32).add("f16", a, DataType.FLOAT16).write(f);
            try (SafetensorsFile st = SafetensorsFile.open(f)) {
                assertArrayEquals(a.toFloatArray(), st.readFloats("f32"));
                assertEquals(SafetensorsDtype.F16, st.dtype("f16"));
                float[] h = st.readFloats("f16");
                for (int i = 0; i < 4; i++) {
                    assertEquals(HalfFloats.f16ToFloat(HalfFloats.floatToF16(a.toFloatArray()[i])), h[i]);
                }
            }
        }
    }
}

package dev.rankadaptor.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.rankadaptor.common.UserInputException;
import dev.rankadaptor.compute.DeviceChoice;
import dev.rankadaptor.compute.Engines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The torch.save reader against the real torch.save fixtures and their hand-written safetensors twin. */
class TorchCheckpointFileTest {
    @TempDir
    Path dir;

    private static Path twin() {
        return TorchFixtures.resource(TorchFixtures.SAFETENSORS + "/model.safetensors");
    }

    @Test
    void everyTensorEqualsTheSafetensorsOriginal() {
        try (SafetensorsFile st = SafetensorsFile.open(twin());
             TorchCheckpointFile pt = TorchCheckpointFile.open(TorchFixtures.resource(TorchFixtures.BIN + "/pytorch_model.bin"))) {
            assertEquals(st.names(), pt.names());
            Map<SafetensorsDtype, Integer> seen = new java.util.EnumMap<>(SafetensorsDtype.class);
            for (String name : st.names()) {
                TensorInfo a = st.info(name);
                TensorInfo b = pt.info(name);
                assertEquals(a.dtype(), b.dtype(), name);
                assertArrayEquals(a.shape(), b.shape(), name);
                assertEquals(st.rawBytes(name), pt.rawBytes(name), name);
                assertArrayEquals(st.readFloats(name), pt.readFloats(name), name);
                seen.merge(a.dtype(), 1, Integer::sum);
            }
            // the fixture mixes all three loadable types, q/k/v of a layer share one storage at offsets > 0
            assertEquals(java.util.Set.of(SafetensorsDtype.F32, SafetensorsDtype.F16, SafetensorsDtype.BF16), seen.keySet());
            assertTrue(pt.info(TensorNames.v(0)).begin() > pt.info(TensorNames.q(0)).begin());
        }
    }

    @Test
    void ndArraysLoadAsFromSafetensorsIncludingWidenedBf16() {
        try (SafetensorsFile st = SafetensorsFile.open(twin());
             TorchCheckpointFile pt = TorchCheckpointFile.open(TorchFixtures.resource(TorchFixtures.BIN + "/pytorch_model.bin"));
             NDManager m = Engines.newManager(DeviceChoice.cpu())) {
            for (String name : new String[]{TensorNames.q(1), TensorNames.EMBED, TensorNames.up(0), TensorNames.LM_HEAD}) {
                for (DataType t : new DataType[]{DataType.FLOAT32, DataType.FLOAT16}) {
                    try (NDArray a = st.load(name, m, t); NDArray b = pt.load(name, m, t)) {
                        assertEquals(t, b.getDataType());
                        assertEquals(a.getShape(), b.getShape());
                        assertArrayEquals(a.toType(DataType.FLOAT32, false).toFloatArray(),
                                b.toType(DataType.FLOAT32, false).toFloatArray(), name);
                    }
                }
            }
        }
    }

    @Test
    void maliciousReduceIsRefusedByNameAndNothingRuns() throws Exception {
        Files.deleteIfExists(TorchFixtures.MARKER);
        Path file = TorchFixtures.resource("broken/malicious.bin");
        UserInputException e = assertThrows(UserInputException.class, () -> TorchCheckpointFile.open(file));
        assertTrue(e.getMessage().contains("posix.system") && e.getMessage().contains(file.toString())
                && e.getMessage().contains("nothing from the file was run"), e.getMessage());
        assertTrue(Files.notExists(TorchFixtures.MARKER), "the pickle's command ran");
        // as a model folder too: the folder is refused the same way
        Path folder = Files.createDirectories(dir.resolve("evil"));
        Files.copy(TorchFixtures.resource(TorchFixtures.BIN + "/config.json"), folder.resolve("config.json"));
        Files.copy(file, folder.resolve("pytorch_model.bin"));
        UserInputException f = assertThrows(UserInputException.class, () -> Checkpoint.open(folder));
        assertTrue(f.getMessage().contains("posix.system"), f.getMessage());
        assertTrue(Files.notExists(TorchFixtures.MARKER), "the pickle's command ran");
    }

    @Test
    void brokenFilesAreNamedErrors() {
        refused("broken/numpy-global.bin", "numpy.core.multiarray._reconstruct", "not part of a state dict");
        refused("broken/truncated.bin", "truncated");
        refused("broken/wrong-storage-size.bin", "wrong storage size", "declares 32 elements = 128 bytes", "holds 124 bytes");
        refused("broken/transposed.bin", "tensor lm_head.weight", "not contiguous", "[1, 32]");
    }

    private static void refused(String fixture, String... expected) {
        Path file = TorchFixtures.resource(fixture);
        UserInputException e = assertThrows(UserInputException.class, () -> TorchCheckpointFile.open(file));
        assertTrue(e.getMessage().startsWith("PyTorch checkpoint " + file), e.getMessage());
        for (String s : expected) {
            assertTrue(e.getMessage().contains(s), "expected \"" + s + "\" in: " + e.getMessage());
        }
    }

    @Test
    void aDamagedStorageFailsItsChecksumOnLoad() throws Exception {
        Path file = TorchFixtures.copy(TorchFixtures.BIN + "/pytorch_model.bin", dir);
        long offset;
        try (TorchCheckpointFile pt = TorchCheckpointFile.open(file)) {
            offset = pt.info(TensorNames.FINAL_NORM).begin();
        }
        byte[] bytes = Files.readAllBytes(file);
        bytes[(int) offset] ^= 0x5a;
        Files.write(file, bytes);
        try (TorchCheckpointFile pt = TorchCheckpointFile.open(file)) {
            UserInputException e = assertThrows(UserInputException.class, () -> pt.readFloats(TensorNames.FINAL_NORM));
            assertTrue(e.getMessage().contains("CRC-32") && e.getMessage().contains(TensorNames.FINAL_NORM), e.getMessage());
            pt.readFloats(TensorNames.EMBED); // other storages are intact
        }
    }

    @Test
    void compressedStoragesAndOtherFormatsAreExplained() throws Exception {
        Path src = TorchFixtures.resource(TorchFixtures.SHARDED + "/pytorch_model-00002-of-00002.bin");
        Path deflated = dir.resolve("deflated.bin");
        try (var in = new java.util.zip.ZipFile(src.toFile());
             var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(deflated))) {
            for (var e : java.util.Collections.list(in.entries())) {
                out.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                in.getInputStream(e).transferTo(out);
                out.closeEntry();
            }
        }
        UserInputException e = assertThrows(UserInputException.class, () -> TorchCheckpointFile.open(deflated));
        assertTrue(e.getMessage().contains("is compressed"), e.getMessage());

        Path legacy = Files.write(dir.resolve("legacy.bin"), new byte[]{(byte) 0x80, 2, (byte) 0x8a, 10});
        e = assertThrows(UserInputException.class, () -> TorchCheckpointFile.open(legacy));
        assertTrue(e.getMessage().contains("legacy torch.save format"), e.getMessage());

        Path text = Files.writeString(dir.resolve("notes.bin"), "hello, not a checkpoint");
        e = assertThrows(UserInputException.class, () -> TorchCheckpointFile.open(text));
        assertTrue(e.getMessage().contains("not a torch.save archive"), e.getMessage());

        Path plainZip = dir.resolve("plain.pth");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(plainZip))) {
            out.putNextEntry(new java.util.zip.ZipEntry("readme.txt"));
            out.write("x".getBytes());
            out.closeEntry();
        }
        e = assertThrows(UserInputException.class, () -> TorchCheckpointFile.open(plainZip));
        assertTrue(e.getMessage().contains("data.pkl"), e.getMessage());
    }

    @Test
    void rawBytesAreTheStoredLittleEndianValues() {
        try (TorchCheckpointFile pt = TorchCheckpointFile.open(TorchFixtures.resource(TorchFixtures.BIN + "/pytorch_model.bin"))) {
            String invFreq = TensorNames.layer(0, "self_attn.rotary_emb.inv_freq");
            ByteBuffer b = pt.rawBytes(invFreq);
            assertEquals(SafetensorsDtype.F32, pt.info(invFreq).dtype());
            // inv_freq[i] = 1 / 10000^(2i / 8)
            for (int i = 0; i < 4; i++) {
                assertEquals(1.0 / Math.pow(10000, 2.0 * i / 8), b.getFloat(4 * i), 1e-6);
            }
        }
    }
}

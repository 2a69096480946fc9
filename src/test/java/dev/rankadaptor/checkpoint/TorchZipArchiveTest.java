package dev.rankadaptor.checkpoint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The ZIP64 form torch.save writes for shards over 4 GB: the fixture's central directory is rewritten
 * with every size and offset moved into ZIP64 extra fields and a ZIP64 end record, and must read the same.
 */
class TorchZipArchiveTest {
    @TempDir
    Path dir;

    @Test
    void zip64CentralDirectoryReadsLikeThePlainOne() throws Exception {
        Path src = TorchFixtures.resource(TorchFixtures.BIN + "/pytorch_model.bin");
        Path z64 = dir.resolve("zip64.bin");
        Files.write(z64, toZip64(Files.readAllBytes(src)));
        try (TorchCheckpointFile a = TorchCheckpointFile.open(src); TorchCheckpointFile b = TorchCheckpointFile.open(z64)) {
            assertEquals(a.infos(), b.infos());
            for (String name : a.names()) {
                assertArrayEquals(a.readFloats(name), b.readFloats(name), name);
            }
        }
    }

    /** The same archive, its central directory entries carrying 0xffffffff and ZIP64 extras. */
    static byte[] toZip64(byte[] zip) {
        ByteBuffer in = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int eocd = zip.length - 22;
        while (in.getInt(eocd) != 0x06054b50) {
            eocd--;
        }
        int count = in.getShort(eocd + 10) & 0xffff;
        int cdOffset = in.getInt(eocd + 16);
        ByteArrayOutputStream cd = new ByteArrayOutputStream();
        int p = cdOffset;
        for (int i = 0; i < count; i++) {
            int nameLen = in.getShort(p + 28) & 0xffff;
            int extraLen = in.getShort(p + 30) & 0xffff;
            int commentLen = in.getShort(p + 32) & 0xffff;
            ByteBuffer h = ByteBuffer.allocate(46 + nameLen + 28 + commentLen).order(ByteOrder.LITTLE_ENDIAN);
            h.put(zip, p, 46);
            long csize = in.getInt(p + 20) & 0xffffffffL;
            long usize = in.getInt(p + 24) & 0xffffffffL;
            long local = in.getInt(p + 42) & 0xffffffffL;
            h.putInt(20, -1).putInt(24, -1).putInt(42, -1).putShort(30, (short) 28);
            h.position(46);
            h.put(zip, p + 46, nameLen);
            h.putShort((short) 1).putShort((short) 24).putLong(usize).putLong(csize).putLong(local);
            h.put(zip, p + 46 + nameLen + extraLen, commentLen);
            cd.writeBytes(h.array());
            p += 46 + nameLen + extraLen + commentLen;
        }
        byte[] dirBytes = cd.toByteArray();
        ByteBuffer tail = ByteBuffer.allocate(56 + 20 + 22).order(ByteOrder.LITTLE_ENDIAN);
        long z64Offset = cdOffset + dirBytes.length;
        tail.putInt(0x06064b50).putLong(44).putShort((short) 45).putShort((short) 45).putInt(0).putInt(0)
                .putLong(count).putLong(count).putLong(dirBytes.length).putLong(cdOffset);
        tail.putInt(0x07064b50).putInt(0).putLong(z64Offset).putInt(1);
        tail.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) -1).putShort((short) -1)
                .putInt(-1).putInt(-1).putShort((short) 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(zip, 0, cdOffset);
        out.writeBytes(dirBytes);
        out.writeBytes(tail.array());
        return out.toByteArray();
    }
}

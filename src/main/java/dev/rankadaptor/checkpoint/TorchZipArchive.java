package dev.rankadaptor.checkpoint;

import dev.rankadaptor.common.UserInputException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The zip container of a torch.save file (PyTorch 1.6 and later), read from its central directory
 * so that each record's data offset in the file is known: the storages can then be memory-mapped
 * where they lie instead of being copied out. {@link java.util.zip.ZipFile} lists entries but does not
 * expose where their data starts, hence this reader of the few structures involved (end of central
 * directory, its ZIP64 form for files over 4 GB, central and local headers). Everything is checked
 * against the file size and against each other before any offset is used.
 */
final class TorchZipArchive {
    /** A pickle larger than this is not a state dict's (a 70B model's is a few hundred KB). */
    static final long MAX_PICKLE_BYTES = 256L * 1024 * 1024;
    static final int STORED = 0;
    static final int DEFLATED = 8;

    private static final int EOCD_SIG = 0x06054b50;
    private static final int ZIP64_LOCATOR_SIG = 0x07064b50;
    private static final int ZIP64_EOCD_SIG = 0x06064b50;
    private static final int CENTRAL_SIG = 0x02014b50;
    private static final int LOCAL_SIG = 0x04034b50;
    private static final long MAX_CENTRAL_BYTES = 64L * 1024 * 1024;

    /** One record: where its bytes lie in the file and how they are stored. */
    record Entry(String name, int method, long crc, long compressedSize, long size, long localHeader, long dataOffset) {
    }

    private final Path file;
    private final FileChannel channel;
    private final Map<String, Entry> entries;

    private TorchZipArchive(Path file, FileChannel channel, Map<String, Entry> entries) {
        this.file = file;
        this.channel = channel;
        this.entries = entries;
    }

    static TorchZipArchive read(Path file, FileChannel ch) throws IOException {
        long size = ch.size();
        if (size < 4) {
            throw bad(file, "is " + size + " bytes long: too short for a torch.save archive (truncated file?)");
        }
        ByteBuffer magic = readAt(ch, 0, 4);
        int first = magic.get(0) & 0xff;
        if (magic.getInt(0) != LOCAL_SIG) {
            if (first == 0x80) {
                throw bad(file, "is a bare pickle (the legacy torch.save format of PyTorch before 1.6), which is not "
                        + "read; re-save it with a current PyTorch or convert it to safetensors");
            }
            throw bad(file, "does not start with a zip header: not a torch.save archive (PyTorch 1.6 or later)");
        }
        long eocd = findEndOfCentralDirectory(file, ch, size);
        ByteBuffer e = readAt(ch, eocd, 22);
        int disk = e.getShort(4) & 0xffff;
        int cdDisk = e.getShort(6) & 0xffff;
        long count = e.getShort(10) & 0xffff;
        long cdSize = e.getInt(12) & 0xffffffffL;
        long cdOffset = e.getInt(16) & 0xffffffffL;
        long cdLimit = eocd;
        if (count == 0xffff || cdSize == 0xffffffffL || cdOffset == 0xffffffffL) {
            if (eocd < 20) {
                throw bad(file, "declares a ZIP64 central directory but has no ZIP64 locator (truncated or damaged)");
            }
            ByteBuffer loc = readAt(ch, eocd - 20, 20);
            if (loc.getInt(0) != ZIP64_LOCATOR_SIG) {
                throw bad(file, "declares a ZIP64 central directory but has no ZIP64 locator (truncated or damaged)");
            }
            long z = loc.getLong(8);
            if (z < 0 || z > eocd - 20 - 56) {
                throw bad(file, "ZIP64 end record offset " + z + " lies outside the file");
            }
            ByteBuffer r = readAt(ch, z, 56);
            if (r.getInt(0) != ZIP64_EOCD_SIG) {
                throw bad(file, "no ZIP64 end-of-central-directory record at offset " + z + " (damaged archive)");
            }
            disk = r.getInt(16);
            cdDisk = r.getInt(20);
            count = r.getLong(32);
            cdSize = r.getLong(40);
            cdOffset = r.getLong(48);
            cdLimit = z;
        }
        if (disk != 0 || cdDisk != 0) {
            throw bad(file, "is a multi-volume zip archive, which torch.save never writes");
        }
        if (cdOffset < 0 || cdSize < 0 || cdOffset > cdLimit || cdSize > cdLimit - cdOffset) {
            throw bad(file, "central directory [" + cdOffset + ", +" + cdSize + ") lies outside the file (" + size
                    + " bytes): truncated or damaged archive");
        }
        if (cdSize > MAX_CENTRAL_BYTES || count < 0 || count > cdSize / 46) {
            throw bad(file, "central directory of " + cdSize + " bytes cannot hold " + count + " entries (damaged archive)");
        }
        ByteBuffer cd = readAt(ch, cdOffset, (int) cdSize);
        Map<String, Entry> entries = new LinkedHashMap<>();
        int pos = 0;
        for (long i = 0; i < count; i++) {
            Entry entry = centralEntry(file, ch, cd, pos, cdOffset);
            pos = cd.position();
            if (entries.put(entry.name(), entry) != null) {
                throw bad(file, "holds two records named " + entry.name());
            }
        }
        checkNoOverlaps(file, entries, cdOffset);
        return new TorchZipArchive(file, ch, Collections.unmodifiableMap(entries));
    }

    private static long findEndOfCentralDirectory(Path file, FileChannel ch, long size) throws IOException {
        int tail = (int) Math.min(size, 22 + 0xffff);
        ByteBuffer b = readAt(ch, size - tail, tail);
        for (int p = tail - 22; p >= 0; p--) {
            if (b.getInt(p) == EOCD_SIG && p + 22 + (b.getShort(p + 20) & 0xffff) == tail) {
                return size - tail + p;
            }
        }
        throw bad(file, "has no zip end-of-central-directory record: the file is truncated or not a torch.save archive");
    }

    private static Entry centralEntry(Path file, FileChannel ch, ByteBuffer cd, int pos, long cdOffset) throws IOException {
        if (pos + 46 > cd.limit() || cd.getInt(pos) != CENTRAL_SIG) {
            throw bad(file, "central directory entry at offset " + (cdOffset + pos) + " is damaged");
        }
        int flags = cd.getShort(pos + 8) & 0xffff;
        int method = cd.getShort(pos + 10) & 0xffff;
        long crc = cd.getInt(pos + 16) & 0xffffffffL;
        long csize = cd.getInt(pos + 20) & 0xffffffffL;
        long usize = cd.getInt(pos + 24) & 0xffffffffL;
        int nameLen = cd.getShort(pos + 28) & 0xffff;
        int extraLen = cd.getShort(pos + 30) & 0xffff;
        int commentLen = cd.getShort(pos + 32) & 0xffff;
        int diskStart = cd.getShort(pos + 34) & 0xffff;
        long local = cd.getInt(pos + 42) & 0xffffffffL;
        int next = pos + 46 + nameLen + extraLen + commentLen;
        if (next > cd.limit()) {
            throw bad(file, "central directory entry at offset " + (cdOffset + pos) + " runs past the directory's end");
        }
        byte[] nameBytes = new byte[nameLen];
        cd.get(pos + 46, nameBytes);
        String name = new String(nameBytes, StandardCharsets.UTF_8);
        // ZIP64 extra field: the 8-byte values replace, in this order, those stored as 0xffffffff
        int x = pos + 46 + nameLen;
        int xEnd = x + extraLen;
        while (x + 4 <= xEnd) {
            int id = cd.getShort(x) & 0xffff;
            int len = cd.getShort(x + 2) & 0xffff;
            if (x + 4 + len > xEnd) {
                throw bad(file, "record " + name + ": damaged extra field in the central directory");
            }
            if (id == 0x0001) {
                int q = x + 4;
                if (usize == 0xffffffffL) {
                    usize = zip64Value(file, name, cd, q, x + 4 + len);
                    q += 8;
                }
                if (csize == 0xffffffffL) {
                    csize = zip64Value(file, name, cd, q, x + 4 + len);
                    q += 8;
                }
                if (local == 0xffffffffL) {
                    local = zip64Value(file, name, cd, q, x + 4 + len);
                }
            }
            x += 4 + len;
        }
        cd.position(next);
        if ((flags & 1) != 0) {
            throw bad(file, "record " + name + " is encrypted");
        }
        if (diskStart != 0) {
            throw bad(file, "record " + name + " starts on another volume of a multi-volume archive");
        }
        if (method != STORED && method != DEFLATED) {
            throw bad(file, "record " + name + " uses zip compression method " + method + " (only stored or deflated are read)");
        }
        if (method == STORED && csize != usize) {
            throw bad(file, "record " + name + " is stored uncompressed but its sizes differ (" + csize + " vs " + usize + ")");
        }
        if (local < 0 || csize < 0 || usize < 0 || local > cdOffset - 30) {
            throw bad(file, "record " + name + ": local header offset " + local + " lies outside the archive's data");
        }
        ByteBuffer lh = readAt(ch, local, 30);
        if (lh.getInt(0) != LOCAL_SIG) {
            throw bad(file, "record " + name + ": no local header at offset " + local + " (damaged archive)");
        }
        int localName = lh.getShort(26) & 0xffff;
        int localExtra = lh.getShort(28) & 0xffff;
        long data = local + 30 + localName + localExtra;
        if (data > cdOffset || csize > cdOffset - data) {
            throw bad(file, "record " + name + ": its " + csize + " bytes at offset " + data
                    + " run into the central directory at " + cdOffset + " (truncated or damaged archive)");
        }
        byte[] ln = new byte[localName];
        readAt(ch, local + 30, localName).get(ln);
        if (!name.equals(new String(ln, StandardCharsets.UTF_8))) {
            throw bad(file, "record " + name + ": the local header names it " + new String(ln, StandardCharsets.UTF_8));
        }
        return new Entry(name, method, crc, csize, usize, local, data);
    }

    private static long zip64Value(Path file, String name, ByteBuffer cd, int q, int end) {
        if (q + 8 > end) {
            throw bad(file, "record " + name + ": ZIP64 extra field too short");
        }
        long v = cd.getLong(q);
        if (v < 0) {
            throw bad(file, "record " + name + ": ZIP64 size or offset " + Long.toUnsignedString(v) + " is out of range");
        }
        return v;
    }

    private static void checkNoOverlaps(Path file, Map<String, Entry> entries, long cdOffset) {
        List<Entry> sorted = new ArrayList<>(entries.values());
        sorted.sort(Comparator.comparingLong(Entry::localHeader));
        for (int i = 1; i < sorted.size(); i++) {
            Entry prev = sorted.get(i - 1);
            Entry cur = sorted.get(i);
            if (prev.dataOffset() + prev.compressedSize() > cur.localHeader()) {
                throw bad(file, "records " + prev.name() + " and " + cur.name() + " overlap (damaged archive)");
            }
        }
    }

    private static ByteBuffer readAt(FileChannel ch, long position, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        SafetensorsHeader.readFully(ch, b, position);
        b.flip();
        return b;
    }

    Map<String, Entry> entries() {
        return entries;
    }

    Entry entry(String name) {
        return entries.get(name);
    }

    /** A small record's bytes (stored or deflated), checked against its CRC-32. */
    byte[] readSmall(Entry e, long maxBytes) throws IOException {
        if (e.size() > maxBytes || e.compressedSize() > maxBytes) {
            throw bad(file, "record " + e.name() + " is " + e.size() + " bytes, more than the " + maxBytes + " allowed");
        }
        byte[] raw = new byte[(int) e.compressedSize()];
        readAt(channel, e.dataOffset(), raw.length).get(raw);
        byte[] out = raw;
        if (e.method() == DEFLATED) {
            Inflater inf = new Inflater(true);
            try {
                inf.setInput(raw);
                out = new byte[(int) e.size()];
                int n = 0;
                while (n < out.length && !inf.finished()) {
                    int k = inf.inflate(out, n, out.length - n);
                    if (k == 0 && (inf.needsInput() || inf.needsDictionary())) {
                        break;
                    }
                    n += k;
                }
                if (n != out.length) {
                    throw bad(file, "record " + e.name() + " inflates to " + n + " bytes, not the " + e.size() + " declared");
                }
            } catch (DataFormatException ex) {
                throw bad(file, "record " + e.name() + " is not valid deflate data: " + ex.getMessage());
            } finally {
                inf.end();
            }
        }
        CRC32 crc = new CRC32();
        crc.update(out);
        if (crc.getValue() != e.crc()) {
            throw bad(file, "record " + e.name() + " fails its CRC-32 check: the file is damaged");
        }
        return out;
    }

    static UserInputException bad(Path file, String what) {
        return new UserInputException("PyTorch checkpoint " + file + ": " + what);
    }
}

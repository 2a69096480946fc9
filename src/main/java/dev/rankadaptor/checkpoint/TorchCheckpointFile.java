package dev.rankadaptor.checkpoint;

import dev.rankadaptor.common.UserInputException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;

/**
 * A state dict saved by torch.save (pytorch_model.bin, its shards, *.pth), read without running
 * any of its pickle: the zip's central directory gives each storage's offset ({@link TorchZipArchive}),
 * {@link TorchUnpickler} turns data.pkl into tensor descriptions using only the few globals a state
 * dict needs, and every tensor is then checked (storage present, stored uncompressed, of exactly the
 * declared size; offset and shape inside it; contiguous strides) before it becomes a {@link TensorInfo}
 * over the file. Data is memory-mapped like a safetensors file's ({@link MappedTensorData}), and
 * each storage is checked against the zip's CRC-32 the first time one of its tensors is read.
 */
public final class TorchCheckpointFile extends MappedTensorFile {
    static final String LABEL = "PyTorch checkpoint";

    private record Storage(String key, PickleGlobals.StorageType type, long numel, TorchZipArchive.Entry entry) {
    }

    private final Map<String, TensorInfo> infos;
    private final Map<String, TorchZipArchive.Entry> storageOf;
    private final Set<String> verified = ConcurrentHashMap.newKeySet();

    private TorchCheckpointFile(Path file, MappedTensorData data, Map<String, TensorInfo> infos,
                                Map<String, TorchZipArchive.Entry> storageOf) {
        super(file, LABEL, data);
        this.infos = infos;
        this.storageOf = storageOf;
    }

    /** Opens and validates the archive; any defect is a {@link UserInputException} naming the file. */
    public static TorchCheckpointFile open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserInputException("PyTorch checkpoint " + file + " does not exist or is not a file");
        }
        MappedTensorData data = MappedTensorData.open(file, LABEL);
        try {
            TorchZipArchive zip = TorchZipArchive.read(file, data.channel());
            Map<String, TorchZipArchive.Entry> storageOf = new HashMap<>();
            Map<String, TensorInfo> infos = read(file, zip, storageOf);
            return new TorchCheckpointFile(file, data, Collections.unmodifiableMap(infos), storageOf);
        } catch (IOException e) {
            data.close();
            throw new UserInputException("cannot read PyTorch checkpoint " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            data.close();
            throw e;
        }
    }

    private static Map<String, TensorInfo> read(Path file, TorchZipArchive zip,
                                                Map<String, TorchZipArchive.Entry> storageOf) throws IOException {
        String prefix = prefix(file, zip);
        TorchZipArchive.Entry order = zip.entry(prefix + "byteorder");
        if (order != null) {
            String o = new String(zip.readSmall(order, 16), StandardCharsets.US_ASCII).trim();
            if (!o.equals("little")) {
                throw bad(file, "was saved with byte order \"" + o + "\"; only little-endian archives are read");
            }
        }
        String pickleName = prefix + "data.pkl";
        byte[] pickle = zip.readSmall(zip.entry(pickleName), TorchZipArchive.MAX_PICKLE_BYTES);
        Map<String, Storage> storages = new HashMap<>();
        Object root = TorchUnpickler.load(file, pickleName, pickle, pid -> storage(file, zip, prefix, pid, storages));
        Map<?, ?> stateDict = stateDict(file, root);
        Map<String, TensorInfo> infos = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : stateDict.entrySet()) {
            if (!(e.getKey() instanceof String name)) {
                throw bad(file, "the state dict has a key " + PickleGlobals.describe(e.getKey()) + "; tensor names are strings");
            }
            if (!(e.getValue() instanceof PickleGlobals.TensorRef ref)) {
                throw bad(file, "state dict entry \"" + name + "\" is " + PickleGlobals.describe(e.getValue())
                        + ", not a tensor");
            }
            if (!(ref.storage() instanceof Storage s)) {
                throw badTensor(file, name, "storage is " + PickleGlobals.describe(ref.storage())
                        + ", expected a storage reference");
            }
            infos.put(name, tensor(file, name, ref, s));
            storageOf.put(name, s.entry());
        }
        return infos;
    }

    private static String prefix(Path file, TorchZipArchive zip) {
        String found = null;
        for (String name : zip.entries().keySet()) {
            int slash = name.indexOf('/');
            if (name.endsWith("/constants.pkl") || name.contains("/code/")) {
                throw bad(file, "is a TorchScript archive (torch.jit.save), not a state dict saved by torch.save");
            }
            if (slash > 0 && name.equals(name.substring(0, slash + 1) + "data.pkl")) {
                if (found != null) {
                    throw bad(file, "holds two pickles (" + found + "data.pkl and " + name + "); torch.save writes one");
                }
                found = name.substring(0, slash + 1);
            }
        }
        if (found == null) {
            throw bad(file, "is a zip archive without a <name>/data.pkl record: not written by torch.save");
        }
        return found;
    }

    /** The persistent id torch.save writes for a storage: ('storage', torch.XStorage, key, location, numel). */
    private static Storage storage(Path file, TorchZipArchive zip, String prefix, TorchUnpickler.Tuple pid,
                                   Map<String, Storage> seen) {
        if (pid.size() != 5 || !"storage".equals(pid.get(0))) {
            throw bad(file, "persistent id with " + pid.size() + " fields (first " + PickleGlobals.describe(
                    pid.size() > 0 ? pid.get(0) : null) + ") is not a storage reference ('storage', type, key, location, size)");
        }
        if (!(pid.get(1) instanceof PickleGlobals.StorageType type)) {
            throw bad(file, "storage reference names the type " + PickleGlobals.describe(pid.get(1)) + ", not a torch storage class");
        }
        if (!(pid.get(2) instanceof String key) || !(pid.get(3) instanceof String)) {
            throw bad(file, "storage reference has key " + PickleGlobals.describe(pid.get(2)) + " and location "
                    + PickleGlobals.describe(pid.get(3)) + "; both must be strings");
        }
        if (!(pid.get(4) instanceof Long numel) || numel < 0) {
            throw bad(file, "storage " + key + " has size " + PickleGlobals.describe(pid.get(4)) + ", expected an element count");
        }
        Storage before = seen.get(key);
        if (before != null) {
            if (before.type() != null && !before.type().equals(type) || before.numel() != numel) {
                throw bad(file, "storage " + key + " is declared twice, as torch." + before.type().className() + " of "
                        + before.numel() + " and as torch." + type.className() + " of " + numel + " elements");
            }
            return before;
        }
        String record = prefix + "data/" + key;
        TorchZipArchive.Entry entry = zip.entry(record);
        if (entry == null) {
            throw bad(file, "storage " + key + " (torch." + type.className() + ") has no record " + record + " in the archive");
        }
        if (entry.method() != TorchZipArchive.STORED) {
            throw bad(file, "record " + record + " is compressed; torch.save stores storages uncompressed so that they can "
                    + "be mapped, and a re-zipped archive is not read (re-save it with torch.save)");
        }
        long bytes;
        try {
            bytes = Math.multiplyExact(numel, type.dtype().bytes());
        } catch (ArithmeticException e) {
            throw bad(file, "storage " + key + " declares " + numel + " elements, too many");
        }
        if (entry.size() != bytes) {
            throw bad(file, "storage " + key + " (torch." + type.className() + ") declares " + numel + " elements = "
                    + bytes + " bytes but record " + record + " holds " + entry.size() + " bytes (wrong storage size)");
        }
        Storage s = new Storage(key, type, numel, entry);
        seen.put(key, s);
        return s;
    }

    /** The tensors of the pickle's value: a state dict, or one under "state_dict" / "model" (training .pth files). */
    private static Map<?, ?> stateDict(Path file, Object root) {
        if (!(root instanceof Map<?, ?> m)) {
            throw bad(file, "holds " + PickleGlobals.describe(root) + ", not a state dict {name: tensor}");
        }
        if (allTensors(m)) {
            return m;
        }
        for (String wrapper : new String[]{"state_dict", "model"}) {
            if (m.get(wrapper) instanceof Map<?, ?> inner && allTensors(inner)) {
                return inner;
            }
        }
        return m; // entry by entry below, so that the message names the first non-tensor
    }

    private static boolean allTensors(Map<?, ?> m) {
        if (m.isEmpty()) {
            return false;
        }
        for (Object v : m.values()) {
            if (!(v instanceof PickleGlobals.TensorRef)) {
                return false;
            }
        }
        return true;
    }

    private static TensorInfo tensor(Path file, String name, PickleGlobals.TensorRef ref, Storage s) {
        if (!(ref.storageOffset() instanceof Long offset) || offset < 0) {
            throw badTensor(file, name, "storage offset " + PickleGlobals.describe(ref.storageOffset()) + " must be a non-negative integer");
        }
        long[] shape = ints(file, name, "size", ref.size());
        long[] stride = ints(file, name, "stride", ref.stride());
        if (stride.length != shape.length) {
            throw badTensor(file, name, "has " + shape.length + " dimensions but " + stride.length + " strides");
        }
        long n;
        try {
            n = TensorInfo.elementCount(shape);
        } catch (ArithmeticException e) {
            throw badTensor(file, name, "shape " + java.util.Arrays.toString(shape) + " is too large");
        }
        if (n > 0) {
            long expected = 1;
            for (int d = shape.length - 1; d >= 0; d--) {
                if (shape[d] != 1 && stride[d] != expected) {
                    throw badTensor(file, name, "strides " + java.util.Arrays.toString(stride) + " for shape "
                            + java.util.Arrays.toString(shape) + " are not contiguous (a transposed or strided view): "
                            + "save it with .contiguous() first");
                }
                expected *= shape[d];
            }
            if (offset > s.numel() - n) {
                throw badTensor(file, name, "elements [" + offset + ", " + (offset + n) + ") lie outside storage " + s.key()
                        + ", which holds " + s.numel());
            }
        }
        int bytes = s.type().dtype().bytes();
        long begin = s.entry().dataOffset() + (n == 0 ? 0 : offset * bytes);
        return new TensorInfo(name, s.type().dtype(), shape, begin, begin + n * bytes);
    }

    private static long[] ints(Path file, String name, String what, Object value) {
        if (!(value instanceof TorchUnpickler.Tuple t)) {
            throw badTensor(file, name, what + " is " + PickleGlobals.describe(value) + ", expected a tuple of integers");
        }
        long[] out = new long[t.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(t.get(i) instanceof Long v) || v < 0) {
                throw badTensor(file, name, what + " holds " + PickleGlobals.describe(t.get(i)) + ", expected non-negative integers");
            }
            out[i] = v;
        }
        return out;
    }

    @Override
    public Map<String, TensorInfo> infos() {
        return infos;
    }

    /** The tensor's entry, after its storage passed the CRC-32 check (once per storage). */
    @Override
    TensorInfo readable(String name) {
        TensorInfo t = info(name);
        TorchZipArchive.Entry e = storageOf.get(name);
        if (!verified.contains(e.name())) {
            // read, not mapped: a second mapping of the same pages would count twice in resident memory
            CRC32 crc = new CRC32();
            ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
            try {
                for (long p = 0; p < e.size(); ) {
                    buf.clear().limit((int) Math.min(buf.capacity(), e.size() - p));
                    SafetensorsHeader.readFully(data().channel(), buf, e.dataOffset() + p);
                    p += buf.flip().remaining();
                    crc.update(buf);
                }
            } catch (IOException ex) {
                throw bad(file(), "record " + e.name() + " (tensor " + name + ") cannot be read: " + ex.getMessage());
            }
            if (crc.getValue() != e.crc()) {
                throw bad(file(), "record " + e.name() + " (tensor " + name + ") fails its CRC-32 check: the file is damaged");
            }
            verified.add(e.name());
        }
        return t;
    }

    static UserInputException bad(Path file, String what) {
        return new UserInputException("PyTorch checkpoint " + file + ": " + what);
    }

    static UserInputException badTensor(Path file, String tensor, String what) {
        return new UserInputException("PyTorch checkpoint " + file + ", tensor " + tensor + ": " + what);
    }

    @Override
    public String toString() {
        return "TorchCheckpointFile[" + file() + ", " + infos.size() + " tensors]";
    }
}

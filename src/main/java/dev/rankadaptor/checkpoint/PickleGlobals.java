package dev.rankadaptor.checkpoint;

import dev.rankadaptor.common.UserInputException;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The whitelist of {@link TorchUnpickler}: the only Python globals a state dict needs, as inert
 * markers, and what REDUCE on them builds (an empty dict for {@code collections.OrderedDict}, a
 * {@link TensorRef} for {@code torch._utils._rebuild_tensor_v2}, the tensor itself for
 * {@code _rebuild_parameter}). Kept apart from the opcode loop so that what a checkpoint may name is
 * one short list to review.
 */
final class PickleGlobals {
    /** One of the recognised globals (nothing else can be on the stack as a global). */
    enum Global {
        ORDERED_DICT("collections", "OrderedDict"),
        REBUILD_TENSOR_V2("torch._utils", "_rebuild_tensor_v2"),
        REBUILD_PARAMETER("torch._utils", "_rebuild_parameter");

        final String module;
        final String name;

        Global(String module, String name) {
            this.module = module;
            this.name = name;
        }
    }

    /** A storage class named in a persistent id, e.g. torch.HalfStorage. */
    record StorageType(String className, SafetensorsDtype dtype) {
    }

    /** The tensor a {@code _rebuild_tensor_v2} call describes, as given (validated by the caller, who knows its name). */
    record TensorRef(Object storage, Object storageOffset, Object size, Object stride) {
    }

    /** Storage classes torch.save names, with the element type they hold. */
    static final Map<String, SafetensorsDtype> STORAGE_TYPES = Map.ofEntries(
            Map.entry("FloatStorage", SafetensorsDtype.F32),
            Map.entry("HalfStorage", SafetensorsDtype.F16),
            Map.entry("BFloat16Storage", SafetensorsDtype.BF16),
            Map.entry("DoubleStorage", SafetensorsDtype.F64),
            Map.entry("LongStorage", SafetensorsDtype.I64),
            Map.entry("IntStorage", SafetensorsDtype.I32),
            Map.entry("ShortStorage", SafetensorsDtype.I16),
            Map.entry("CharStorage", SafetensorsDtype.I8),
            Map.entry("ByteStorage", SafetensorsDtype.U8),
            Map.entry("BoolStorage", SafetensorsDtype.BOOL));

    private final Path file;
    private final String record;

    PickleGlobals(Path file, String record) {
        this.file = file;
        this.record = record;
    }

    /** The globals accepted, as module.name, for messages and the docs. */
    static Set<String> allowedGlobals() {
        Set<String> out = new TreeSet<>();
        out.add("collections.OrderedDict");
        out.add("torch._utils._rebuild_tensor_v2");
        out.add("torch._utils._rebuild_parameter");
        for (String s : STORAGE_TYPES.keySet()) {
            out.add("torch." + s);
        }
        return out;
    }

    /** The marker of an allowed global; any other is refused naming it and the file. */
    Object resolve(String module, String name, int at) {
        if (Global.ORDERED_DICT.module.equals(module) && Global.ORDERED_DICT.name.equals(name)) {
            return Global.ORDERED_DICT;
        }
        if (Global.REBUILD_TENSOR_V2.module.equals(module) && Global.REBUILD_TENSOR_V2.name.equals(name)) {
            return Global.REBUILD_TENSOR_V2;
        }
        if (Global.REBUILD_PARAMETER.module.equals(module) && Global.REBUILD_PARAMETER.name.equals(name)) {
            return Global.REBUILD_PARAMETER;
        }
        if ("torch".equals(module) && STORAGE_TYPES.containsKey(name)) {
            return new StorageType(name, STORAGE_TYPES.get(name));
        }
        throw new UserInputException("PyTorch checkpoint " + file + ": " + record + " refers to the Python global "
                + module + "." + name + " (at byte " + at + "), which is not part of a state dict: refused, nothing from "
                + "the file was run (a state dict needs only torch._utils._rebuild_tensor_v2, torch storage classes and "
                + "collections.OrderedDict)");
    }

    /** What REDUCE builds from an allowed global and its arguments (a dict, a tensor description). */
    Object call(Object callable, Object args, int at) {
        if (!(args instanceof TorchUnpickler.Tuple a)) {
            throw bad("REDUCE at byte " + at + " has arguments " + describe(args) + ", expected a tuple");
        }
        if (callable == Global.ORDERED_DICT) {
            if (a.size() != 0) {
                throw bad("collections.OrderedDict is called with " + a.size() + " arguments at byte " + at
                        + "; torch.save calls it with none");
            }
            return new LinkedHashMap<>();
        }
        if (callable == Global.REBUILD_TENSOR_V2) {
            // (storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])
            if (a.size() != 6 && a.size() != 7) {
                throw bad("torch._utils._rebuild_tensor_v2 is called with " + a.size() + " arguments at byte " + at
                        + ", expected 6 or 7");
            }
            if (!(a.get(4) instanceof Boolean)) {
                throw bad("torch._utils._rebuild_tensor_v2 at byte " + at + ": requires_grad is " + describe(a.get(4)));
            }
            if (!(a.get(5) instanceof Map<?, ?> hooks) || !hooks.isEmpty()) {
                throw bad("torch._utils._rebuild_tensor_v2 at byte " + at + ": backward hooks " + describe(a.get(5))
                        + " are not part of a state dict");
            }
            if (a.size() == 7 && a.get(6) != null && !(a.get(6) instanceof Map<?, ?> m && m.isEmpty())) {
                throw bad("torch._utils._rebuild_tensor_v2 at byte " + at + ": tensor metadata " + describe(a.get(6))
                        + " is not read");
            }
            return new TensorRef(a.get(0), a.get(1), a.get(2), a.get(3));
        }
        if (callable == Global.REBUILD_PARAMETER) {
            // (data, requires_grad, backward_hooks): a Parameter is its data for our purpose
            if (a.size() != 3 || !(a.get(0) instanceof TensorRef)) {
                throw bad("torch._utils._rebuild_parameter at byte " + at + " is not given a tensor");
            }
            if (!(a.get(2) instanceof Map<?, ?> hooks) || !hooks.isEmpty()) {
                throw bad("torch._utils._rebuild_parameter at byte " + at + ": backward hooks are not part of a state dict");
            }
            return a.get(0);
        }
        throw bad("REDUCE at byte " + at + " calls " + describe(callable) + ", which is not callable here");
    }

    /** A pickle value in words, for messages (never its content beyond a short string). */
    static String describe(Object o) {
        if (o == null || o == TorchUnpickler.NONE) {
            return "None";
        }
        if (o instanceof Global g) {
            return g.module + "." + g.name;
        }
        if (o instanceof StorageType s) {
            return "torch." + s.className();
        }
        if (o instanceof TensorRef) {
            return "a tensor";
        }
        if (o instanceof TorchUnpickler.Tuple t) {
            return "a tuple of " + t.size();
        }
        if (o instanceof Map<?, ?>) {
            return "a dict";
        }
        if (o instanceof List<?>) {
            return "a list";
        }
        if (o instanceof String s) {
            return "the string \"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
        }
        if (o instanceof byte[] b) {
            return b.length + " bytes";
        }
        return o.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + " " + o;
    }

    private UserInputException bad(String what) {
        return new UserInputException("PyTorch checkpoint " + file + ": " + record + " " + what);
    }
}

package dev.rankadaptor.checkpoint;

import dev.rankadaptor.common.UserInputException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A restricted reader of the pickle program in a torch.save archive's data.pkl. Python's pickle is
 * a small stack machine whose GLOBAL and REDUCE opcodes import and call arbitrary functions, which
 * is how a malicious checkpoint runs code. Here nothing is imported or called: the opcodes build
 * inert Java values (strings, numbers, tuples, lists, dicts), and only the few globals a state dict
 * needs are recognised, as markers whose REDUCE rebuilds a description of a tensor (never its data):
 * {@code collections.OrderedDict}, {@code torch._utils._rebuild_tensor_v2},
 * {@code torch._utils._rebuild_parameter} and the typed storage classes ({@code torch.FloatStorage},
 * ...) inside persistent ids. Any other global is refused when it is named, before anything after it
 * is read, with a message naming it and the file.
 */
final class TorchUnpickler {
    static final int MAX_STACK = 1 << 20;
    static final int MAX_MEMO = 1 << 24;

    /** A Python tuple (immutable, so it is not confused with a list). */
    record Tuple(List<Object> items) {
        Tuple {
            items = List.copyOf(nullSafe(items));
        }

        private static List<Object> nullSafe(List<Object> items) {
            // List.copyOf refuses null elements; None is represented by NONE
            List<Object> out = new ArrayList<>(items.size());
            for (Object o : items) {
                out.add(o == null ? NONE : o);
            }
            return out;
        }

        int size() {
            return items.size();
        }

        Object get(int i) {
            Object o = items.get(i);
            return o == NONE ? null : o;
        }
    }

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

    private static final Object NONE = new Object() {
        @Override
        public String toString() {
            return "None";
        }
    };

    private final Path file;
    private final String record;
    private final ByteBuffer in;
    private final Function<Tuple, Object> persistentLoad;
    private final List<Object> stack = new ArrayList<>();
    private final Deque<Integer> marks = new ArrayDeque<>();
    private final Map<Long, Object> memo = new HashMap<>();

    private TorchUnpickler(Path file, String record, byte[] pickle, Function<Tuple, Object> persistentLoad) {
        this.file = file;
        this.record = record;
        this.in = ByteBuffer.wrap(pickle).order(ByteOrder.LITTLE_ENDIAN);
        this.persistentLoad = persistentLoad;
    }

    /**
     * Runs the pickle program and returns the value it leaves. {@code persistentLoad} resolves the
     * persistent ids (torch's storages); {@code record} names data.pkl in messages.
     */
    static Object load(Path file, String record, byte[] pickle, Function<Tuple, Object> persistentLoad) {
        return new TorchUnpickler(file, record, pickle, persistentLoad).run();
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

    private Object run() {
        while (true) {
            if (!in.hasRemaining()) {
                throw bad("ends without a STOP opcode (truncated pickle)");
            }
            int at = in.position();
            int op = in.get() & 0xff;
            switch (op) {
                case 0x80: { // PROTO
                    int p = u8();
                    if (p < 2 || p > 5) {
                        throw bad("uses pickle protocol " + p + "; torch.save writes protocol 2 (up to 5 is read)");
                    }
                    break;
                }
                case 0x95: // FRAME: a length hint only
                    bytes(8);
                    break;
                case '.': // STOP
                    if (stack.size() != 1 || !marks.isEmpty()) {
                        throw bad("ends with " + stack.size() + " values on the stack (damaged pickle)");
                    }
                    return unwrap(stack.get(0));
                case '(':
                    marks.push(stack.size());
                    break;
                case ')':
                    push(new Tuple(List.of()));
                    break;
                case 't':
                    push(new Tuple(popMark(at)));
                    break;
                case 0x85:
                    push(new Tuple(popN(1, at)));
                    break;
                case 0x86:
                    push(new Tuple(popN(2, at)));
                    break;
                case 0x87:
                    push(new Tuple(popN(3, at)));
                    break;
                case ']':
                    push(new ArrayList<>());
                    break;
                case 'l':
                    push(new ArrayList<>(popMark(at)));
                    break;
                case 'a': {
                    Object v = pop(at);
                    list(peek(at), at).add(v);
                    break;
                }
                case 'e': {
                    List<Object> items = popMark(at);
                    list(peek(at), at).addAll(items);
                    break;
                }
                case '}':
                    push(new LinkedHashMap<>());
                    break;
                case 'd': {
                    Map<Object, Object> m = new LinkedHashMap<>();
                    putAll(m, popMark(at), at);
                    push(m);
                    break;
                }
                case 's': {
                    Object v = pop(at);
                    Object k = pop(at);
                    dict(peek(at), at).put(key(k, at), v);
                    break;
                }
                case 'u': {
                    List<Object> items = popMark(at);
                    putAll(dict(peek(at), at), items, at);
                    break;
                }
                case 'N':
                    push(NONE);
                    break;
                case 0x88:
                    push(Boolean.TRUE);
                    break;
                case 0x89:
                    push(Boolean.FALSE);
                    break;
                case 'K':
                    push((long) u8());
                    break;
                case 'M':
                    need(2);
                    push((long) (in.getShort() & 0xffff));
                    break;
                case 'J':
                    need(4);
                    push((long) in.getInt());
                    break;
                case 0x8a:
                    push(longLe(u8(), at));
                    break;
                case 0x8b:
                    push(longLe(length(u32(), at), at));
                    break;
                case 'G':
                    need(8);
                    push(in.order(ByteOrder.BIG_ENDIAN).getDouble());
                    in.order(ByteOrder.LITTLE_ENDIAN);
                    break;
                case 'X':
                    push(utf8(length(u32(), at)));
                    break;
                case 0x8c:
                    push(utf8(u8()));
                    break;
                case 0x8d:
                    push(utf8(length(u64(at), at)));
                    break;
                case 'T':
                    push(new String(bytes(length(u32(), at)), StandardCharsets.ISO_8859_1));
                    break;
                case 'U':
                    push(new String(bytes(u8()), StandardCharsets.ISO_8859_1));
                    break;
                case 'B':
                    push(bytes(length(u32(), at)));
                    break;
                case 'C':
                    push(bytes(u8()));
                    break;
                case 0x8e:
                    push(bytes(length(u64(at), at)));
                    break;
                case 'q':
                    memoPut(u8(), at);
                    break;
                case 'r':
                    memoPut(u32(), at);
                    break;
                case 0x94:
                    memoPut(memo.size(), at);
                    break;
                case 'h':
                    push(memoGet(u8(), at));
                    break;
                case 'j':
                    push(memoGet(u32(), at));
                    break;
                case 'c': {
                    String module = line(at);
                    String name = line(at);
                    push(global(module, name, at));
                    break;
                }
                case 0x93: {
                    Object name = pop(at);
                    Object module = pop(at);
                    if (!(module instanceof String m) || !(name instanceof String n)) {
                        throw bad("STACK_GLOBAL at byte " + at + " needs two strings (module, name)");
                    }
                    push(global(m, n, at));
                    break;
                }
                case 'R': {
                    Object args = pop(at);
                    Object callable = pop(at);
                    push(reduce(callable, args, at));
                    break;
                }
                case 'b': {
                    Object state = pop(at);
                    Object target = peek(at);
                    // OrderedDict.__reduce__ keeps its __dict__ here: a state dict's _metadata (versions)
                    if (!(target instanceof Map) || !(state instanceof Map)) {
                        throw bad("BUILD at byte " + at + " sets the state of " + describe(target)
                                + ", which a state dict never does");
                    }
                    break;
                }
                case 'Q': {
                    Object pid = pop(at);
                    if (!(pid instanceof Tuple t)) {
                        throw bad("persistent id at byte " + at + " is " + describe(pid) + ", expected a tuple");
                    }
                    push(persistentLoad.apply(t));
                    break;
                }
                case '0':
                    pop(at);
                    break;
                case '2':
                    push(peek(at));
                    break;
                case '1':
                    popMark(at);
                    break;
                default:
                    throw bad("uses pickle opcode 0x" + Integer.toHexString(op)
                            + (op >= 0x20 && op < 0x7f ? " ('" + (char) op + "')" : "") + " at byte " + at
                            + ", which torch.save does not write for a state dict; refused");
            }
        }
    }

    private Object global(String module, String name, int at) {
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

    private Object reduce(Object callable, Object args, int at) {
        if (!(args instanceof Tuple a)) {
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

    private void putAll(Map<Object, Object> m, List<Object> items, int at) {
        if (items.size() % 2 != 0) {
            throw bad("dict items at byte " + at + " come in an odd number");
        }
        for (int i = 0; i < items.size(); i += 2) {
            m.put(key(items.get(i), at), items.get(i + 1));
        }
    }

    private Object key(Object k, int at) {
        if (k instanceof String || k instanceof Long || k instanceof Boolean || k instanceof Tuple || k == NONE) {
            return k;
        }
        throw bad("dict key at byte " + at + " is " + describe(k) + ", which cannot be a key");
    }

    @SuppressWarnings("unchecked")
    private List<Object> list(Object o, int at) {
        if (o instanceof List<?> l && !(o instanceof Tuple)) {
            return (List<Object>) l;
        }
        throw bad("append at byte " + at + " targets " + describe(o) + ", not a list");
    }

    @SuppressWarnings("unchecked")
    private Map<Object, Object> dict(Object o, int at) {
        if (o instanceof Map<?, ?> m) {
            return (Map<Object, Object>) m;
        }
        throw bad("setitem at byte " + at + " targets " + describe(o) + ", not a dict");
    }

    private void push(Object o) {
        if (stack.size() >= MAX_STACK) {
            throw bad("pushes more than " + MAX_STACK + " values (not a state dict)");
        }
        stack.add(o);
    }

    private Object pop(int at) {
        int floor = marks.isEmpty() ? 0 : marks.peek();
        if (stack.size() <= floor) {
            throw bad("pops from an empty stack at byte " + at + " (damaged pickle)");
        }
        return unwrap(stack.remove(stack.size() - 1));
    }

    private Object peek(int at) {
        if (stack.isEmpty()) {
            throw bad("reads an empty stack at byte " + at + " (damaged pickle)");
        }
        return unwrap(stack.get(stack.size() - 1));
    }

    private List<Object> popN(int n, int at) {
        List<Object> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(0, pop(at));
        }
        return out;
    }

    private List<Object> popMark(int at) {
        if (marks.isEmpty()) {
            throw bad("has no MARK for the opcode at byte " + at + " (damaged pickle)");
        }
        int base = marks.pop();
        List<Object> top = stack.subList(base, stack.size());
        List<Object> out = new ArrayList<>(top.size());
        for (Object o : top) {
            out.add(unwrap(o));
        }
        top.clear();
        return out;
    }

    private static Object unwrap(Object o) {
        return o == NONE ? null : o;
    }

    private void memoPut(long index, int at) {
        if (memo.size() >= MAX_MEMO) {
            throw bad("memoizes more than " + MAX_MEMO + " values (not a state dict)");
        }
        if (stack.isEmpty()) {
            throw bad("memoizes from an empty stack at byte " + at);
        }
        memo.put(index, stack.get(stack.size() - 1));
    }

    private Object memoGet(long index, int at) {
        if (!memo.containsKey(index)) {
            throw bad("refers to memo entry " + index + " at byte " + at + ", which was never stored (damaged pickle)");
        }
        return memo.get(index);
    }

    private String line(int at) {
        int start = in.position();
        for (int p = start; p < in.limit() && p - start < 256; p++) {
            if (in.get(p) == '\n') {
                byte[] b = new byte[p - start];
                in.get(b);
                in.get();
                return new String(b, StandardCharsets.UTF_8);
            }
        }
        throw bad("GLOBAL at byte " + at + " has no newline-terminated name");
    }

    private int u8() {
        need(1);
        return in.get() & 0xff;
    }

    private long u32() {
        need(4);
        return in.getInt() & 0xffffffffL;
    }

    private long u64(int at) {
        need(8);
        long v = in.getLong();
        if (v < 0) {
            throw bad("length at byte " + at + " is out of range");
        }
        return v;
    }

    private int length(long n, int at) {
        if (n > in.remaining()) {
            throw bad("the value at byte " + at + " declares " + n + " bytes but only " + in.remaining() + " remain (truncated pickle)");
        }
        return (int) n;
    }

    private Object longLe(int n, int at) {
        if (n > 8) {
            throw bad("integer of " + n + " bytes at byte " + at + " is too large for a tensor size or offset");
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

    private String utf8(int n) {
        return new String(bytes(n), StandardCharsets.UTF_8);
    }

    private byte[] bytes(int n) {
        need(n);
        byte[] b = new byte[n];
        in.get(b);
        return b;
    }

    private void need(int n) {
        if (in.remaining() < n) {
            throw bad("ends in the middle of a value (truncated pickle)");
        }
    }

    static String describe(Object o) {
        if (o == null || o == NONE) {
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
        if (o instanceof Tuple t) {
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

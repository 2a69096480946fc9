package dev.rankadaptor.checkpoint;

import dev.rankadaptor.common.UserInputException;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.nio.charset.StandardCharsets;

/**
 * A restricted reader of the pickle program in a torch.save archive's data.pkl. Python's pickle is
 * a small stack machine whose GLOBAL and REDUCE opcodes import and call arbitrary functions, which
 * is how a malicious checkpoint runs code. Here nothing is imported or called: the opcodes build
 * inert Java values (strings, numbers, tuples, lists, dicts), and only the few globals a state dict
 * needs are recognised, as markers whose REDUCE rebuilds a description of a tensor (never its data):
 * {@code collections.OrderedDict}, {@code torch._utils._rebuild_tensor_v2},
 * {@code torch._utils._rebuild_parameter} and the typed storage classes ({@code torch.FloatStorage},
 * ...) inside persistent ids. Any other global is refused when it is named, before anything after it
 * is read, with a message naming it and the file. This class runs the opcodes; which globals exist and
 * what calling them builds is {@link PickleGlobals}.
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

    static final Object NONE = new Object() {
        @Override
        public String toString() {
            return "None";
        }
    };

    private final Path file;
    private final String record;
    private final PickleInput src;
    private final Function<Tuple, Object> persistentLoad;
    private final PickleGlobals globals;
    private final List<Object> stack = new ArrayList<>();
    private final Deque<Integer> marks = new ArrayDeque<>();
    private final Map<Long, Object> memo = new HashMap<>();

    private TorchUnpickler(Path file, String record, byte[] pickle, Function<Tuple, Object> persistentLoad) {
        this.file = file;
        this.record = record;
        this.src = new PickleInput(pickle, this::bad);
        this.persistentLoad = persistentLoad;
        this.globals = new PickleGlobals(file, record);
    }

    /**
     * Runs the pickle program and returns the value it leaves. {@code persistentLoad} resolves the
     * persistent ids (torch's storages); {@code record} names data.pkl in messages.
     */
    static Object load(Path file, String record, byte[] pickle, Function<Tuple, Object> persistentLoad) {
        return new TorchUnpickler(file, record, pickle, persistentLoad).run();
    }

    private Object run() {
        while (true) {
            if (!src.hasRemaining()) {
                throw bad("ends without a STOP opcode (truncated pickle)");
            }
            int at = src.position();
            int op = src.u8();
            switch (op) {
                case 0x80: { // PROTO
                    int p = src.u8();
                    if (p < 2 || p > 5) {
                        throw bad("uses pickle protocol " + p + "; torch.save writes protocol 2 (up to 5 is read)");
                    }
                    break;
                }
                case 0x95: // FRAME: a length hint only
                    src.bytes(8);
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
                    push((long) src.u8());
                    break;
                case 'M':
                    push((long) src.u16());
                    break;
                case 'J':
                    push((long) src.i32());
                    break;
                case 0x8a:
                    push(src.longLe(src.u8(), at));
                    break;
                case 0x8b:
                    push(src.longLe(src.length(src.u32(), at), at));
                    break;
                case 'G':
                    push(src.f64BigEndian());
                    break;
                case 'X':
                    push(src.utf8(src.length(src.u32(), at)));
                    break;
                case 0x8c:
                    push(src.utf8(src.u8()));
                    break;
                case 0x8d:
                    push(src.utf8(src.length(src.u64(at), at)));
                    break;
                case 'T':
                    push(new String(src.bytes(src.length(src.u32(), at)), StandardCharsets.ISO_8859_1));
                    break;
                case 'U':
                    push(new String(src.bytes(src.u8()), StandardCharsets.ISO_8859_1));
                    break;
                case 'B':
                    push(src.bytes(src.length(src.u32(), at)));
                    break;
                case 'C':
                    push(src.bytes(src.u8()));
                    break;
                case 0x8e:
                    push(src.bytes(src.length(src.u64(at), at)));
                    break;
                case 'q':
                    memoPut(src.u8(), at);
                    break;
                case 'r':
                    memoPut(src.u32(), at);
                    break;
                case 0x94:
                    memoPut(memo.size(), at);
                    break;
                case 'h':
                    push(memoGet(src.u8(), at));
                    break;
                case 'j':
                    push(memoGet(src.u32(), at));
                    break;
                case 'c': {
                    String module = src.line(at);
                    String name = src.line(at);
                    push(globals.resolve(module, name, at));
                    break;
                }
                case 0x93: {
                    Object name = pop(at);
                    Object module = pop(at);
                    if (!(module instanceof String m) || !(name instanceof String n)) {
                        throw bad("STACK_GLOBAL at byte " + at + " needs two strings (module, name)");
                    }
                    push(globals.resolve(m, n, at));
                    break;
                }
                case 'R': {
                    Object args = pop(at);
                    Object callable = pop(at);
                    push(globals.call(callable, args, at));
                    break;
                }
                case 'b': {
                    Object state = pop(at);
                    Object target = peek(at);
                    // OrderedDict.__reduce__ keeps its __dict__ here: a state dict's _metadata (versions)
                    if (!(target instanceof Map) || !(state instanceof Map)) {
                        throw bad("BUILD at byte " + at + " sets the state of " + PickleGlobals.describe(target)
                                + ", which a state dict never does");
                    }
                    break;
                }
                case 'Q': {
                    Object pid = pop(at);
                    if (!(pid instanceof Tuple t)) {
                        throw bad("persistent id at byte " + at + " is " + PickleGlobals.describe(pid) + ", expected a tuple");
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
        throw bad("dict key at byte " + at + " is " + PickleGlobals.describe(k) + ", which cannot be a key");
    }

    @SuppressWarnings("unchecked")
    private List<Object> list(Object o, int at) {
        if (o instanceof List<?> l && !(o instanceof Tuple)) {
            return (List<Object>) l;
        }
        throw bad("append at byte " + at + " targets " + PickleGlobals.describe(o) + ", not a list");
    }

    @SuppressWarnings("unchecked")
    private Map<Object, Object> dict(Object o, int at) {
        if (o instanceof Map<?, ?> m) {
            return (Map<Object, Object>) m;
        }
        throw bad("setitem at byte " + at + " targets " + PickleGlobals.describe(o) + ", not a dict");
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

    private UserInputException bad(String what) {
        return new UserInputException("PyTorch checkpoint " + file + ": " + record + " " + what);
    }
}

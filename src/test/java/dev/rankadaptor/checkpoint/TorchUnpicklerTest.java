package dev.rankadaptor.checkpoint;

import dev.rankadaptor.common.UserInputException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The restricted unpickler on hand-written pickle programs, and the other shapes of a real torch.save state dict. */
class TorchUnpicklerTest {
    private static final Path FILE = Path.of("hand-made.bin");

    /** Pickle bytes written opcode by opcode. */
    private static final class P {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        P op(int... bytes) {
            for (int b : bytes) {
                out.write(b);
            }
            return this;
        }

        P str(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            op('X', b.length & 0xff, (b.length >>> 8) & 0xff, 0, 0);
            out.writeBytes(b);
            return this;
        }

        P shortStr(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            op(0x8c, b.length);
            out.writeBytes(b);
            return this;
        }

        P global(String module, String name) {
            op('c');
            out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.UTF_8));
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    private static Object run(P p) {
        return TorchUnpickler.load(FILE, "archive/data.pkl", p.bytes(), pid -> {
            throw new AssertionError("no persistent ids expected");
        });
    }

    private static void refused(P p, String... expected) {
        UserInputException e = assertThrows(UserInputException.class, () -> run(p));
        assertTrue(e.getMessage().startsWith("PyTorch checkpoint " + FILE + ": archive/data.pkl"), e.getMessage());
        for (String s : expected) {
            assertTrue(e.getMessage().contains(s), "expected \"" + s + "\" in: " + e.getMessage());
        }
    }

    @Test
    void plainValuesBecomeInertJavaValues() {
        P p = new P().op(0x80, 2, '}', 'q', 0).str("a").op(']', '(', 'K', 7, 0x8a, 1, 0xff, 'M', 0x34, 0x12,
                'G', 0x40, 0x04, 0, 0, 0, 0, 0, 0, 0x88, 'N').str("x").op('e', 's').shortStr("t")
                .op('K', 1, 'K', 2, 0x86, 's', '.');
        Map<?, ?> m = (Map<?, ?>) run(p);
        assertEquals(Arrays.asList(7L, -1L, 0x1234L, 2.5, true, null, "x"), m.get("a"));
        assertEquals(List.of(1L, 2L), ((TorchUnpickler.Tuple) m.get("t")).items());
    }

    @Test
    void everyGlobalOutsideTheStateDictSetIsRefusedByName() {
        refused(new P().op(0x80, 2).global("posix", "system").str("touch x").op(0x85, 'R', '.'),
                "posix.system", "nothing from the file was run");
        refused(new P().op(0x80, 4).shortStr("builtins").shortStr("eval").op(0x93).str("1").op(0x85, 'R', '.'),
                "builtins.eval");
        refused(new P().op(0x80, 2).global("torch", "load").op('.'), "torch.load");
        refused(new P().op(0x80, 2).global("torch._utils", "_rebuild_qtensor").op('.'), "torch._utils._rebuild_qtensor");
    }

    @Test
    void allowedGlobalsCannotBeAbused() {
        refused(new P().op(0x80, 2).global("torch", "FloatStorage").op(')', 'R', '.'), "torch.FloatStorage", "not callable");
        refused(new P().op(0x80, 2).global("collections", "OrderedDict").op(']', 0x85, 'R', '.'), "OrderedDict",
                "1 arguments");
        refused(new P().op(0x80, 2).global("torch._utils", "_rebuild_tensor_v2").op(')', 'R', '.'), "0 arguments");
        refused(new P().op(0x80, 2, ']', '}', 'b', '.'), "BUILD", "a list");
        refused(new P().op(0x80, 2).str("not a tuple").op('Q', '.'), "persistent id", "expected a tuple");
    }

    @Test
    void damagedOrUnusualProgramsAreNamed() {
        refused(new P().op(0x80, 2, 'i'), "opcode 0x69 ('i')");
        refused(new P().op(0x80, 2, 'X', 100, 0, 0, 0, 'a', 'b'), "truncated");
        refused(new P().op(0x80, 2, 'N'), "without a STOP");
        refused(new P().op(0x80, 2, 'h', 3, '.'), "memo entry 3", "never stored");
        refused(new P().op(0x80, 2, 'N', 'N', '.'), "2 values on the stack");
        refused(new P().op(0x80, 1, 'N', '.'), "protocol 1");
        refused(new P().op(0x80, 2, 's', '.'), "empty stack");
    }

    @Test
    void theOtherShapesOfARealStateDictLoad() {
        float[] norm;
        try (SafetensorsFile st = SafetensorsFile.open(TorchFixtures.resource(TorchFixtures.SAFETENSORS + "/model.safetensors"))) {
            norm = st.readFloats(TensorNames.FINAL_NORM);
        }
        for (String f : new String[]{"extra/protocol4.pth", "extra/parameters.pth", "extra/training.pth"}) {
            try (TorchCheckpointFile pt = TorchCheckpointFile.open(TorchFixtures.resource(f))) {
                assertEquals(java.util.Set.of(TensorNames.FINAL_NORM), pt.names(), f);
                assertArrayEquals(norm, pt.readFloats(TensorNames.FINAL_NORM), f);
            }
        }
    }

    @Test
    void theAcceptedGlobalsAreExactlyTheStateDictOnes() {
        assertTrue(PickleGlobals.allowedGlobals().containsAll(List.of("collections.OrderedDict",
                "torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_parameter", "torch.FloatStorage",
                "torch.HalfStorage", "torch.BFloat16Storage")));
        for (String g : PickleGlobals.allowedGlobals()) {
            assertTrue(g.startsWith("torch.") || g.equals("collections.OrderedDict"), g);
        }
    }
}

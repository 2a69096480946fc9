package dev.rankadaptor.checkpoint;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HalfFloatsTest {
    @Test
    void everyHalfSurvivesWideningAndNarrowing() {
        for (int bits = 0; bits < 0x10000; bits++) {
            short h = (short) bits;
            float f = HalfFloats.f16ToFloat(h);
            if (Float.isNaN(f)) {
                assertTrue(Float.isNaN(HalfFloats.f16ToFloat(HalfFloats.floatToF16(f))));
                continue;
            }
            assertEquals(bits, HalfFloats.floatToF16(f) & 0xffff, "half bits " + Integer.toHexString(bits));
        }
    }

    @Test
    void knownValues() {
        assertEquals(1.0f, HalfFloats.f16ToFloat((short) 0x3c00));
        assertEquals(-2.0f, HalfFloats.f16ToFloat((short) 0xc000));
        assertEquals(65504f, HalfFloats.f16ToFloat((short) 0x7bff));
        assertEquals(0x1p-24f, HalfFloats.f16ToFloat((short) 0x0001));
        assertEquals(0x7c00, HalfFloats.floatToF16(1e6f) & 0xffff, "overflow to +inf");
        assertEquals(0x3c00, HalfFloats.floatToF16(1.0f + 0x1p-11f) & 0xffff, "tie rounds to even (down)");
        assertEquals(0x3c02, HalfFloats.floatToF16(1.0f + 3 * 0x1p-11f) & 0xffff, "tie rounds to even (up)");
        assertEquals(1.5f, HalfFloats.bf16ToFloat((short) 0x3fc0));
    }

    @Test
    void narrowingIsNearestHalf() {
        Random rnd = new Random(3);
        for (int i = 0; i < 100_000; i++) {
            float f = (float) (rnd.nextGaussian() * Math.pow(2, rnd.nextInt(30) - 20));
            short h = HalfFloats.floatToF16(f);
            float back = HalfFloats.f16ToFloat(h);
            float up = HalfFloats.f16ToFloat((short) (h + 1));
            float down = HalfFloats.f16ToFloat((short) (h - 1));
            // neighbouring bit patterns (NaN neighbours across the sign boundary are not candidates)
            assertTrue(Float.isNaN(up) || Math.abs(back - f) <= Math.abs(up - f), f + " -> " + back);
            assertTrue(Float.isNaN(down) || Math.abs(back - f) <= Math.abs(down - f), f + " -> " + back);
        }
    }
}

package dev.rankadaptor.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Gradient comparison of the training tests: equal to 1e-5 of the largest expected magnitude, never all zero. */
public final class GradientAsserts {
    private GradientAsserts() {
    }

    public static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        double scale = 0;
        for (float e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        assertTrue(scale > 0, what + ": zero gradient");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-5 * scale, what + " [" + i + "]");
        }
    }
}

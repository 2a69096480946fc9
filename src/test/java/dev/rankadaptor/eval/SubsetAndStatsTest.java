package dev.rankadaptor.eval;

import dev.rankadaptor.common.InvalidFieldException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SubsetAndStatsTest {
    @Test
    void firstNTakesTheHeadAndAllTakesEverything() {
        assertArrayEquals(new int[]{0, 1, 2}, Subset.first(3).indices(10));
        assertArrayEquals(new int[]{0, 1}, Subset.first(5).indices(2));
        assertEquals(List.of("a", "b", "c"), Subset.all().apply(List.of("a", "b", "c")));
    }

    @Test
    void randomNIsDeterministicPerSeedSortedAndDistinct() {
        int[] a = Subset.random(20, 7).indices(1000);
        int[] b = Subset.random(20, 7).indices(1000);
        int[] c = Subset.random(20, 8).indices(1000);
        assertArrayEquals(a, b);
        assertFalse(java.util.Arrays.equals(a, c));
        assertEquals(20, a.length);
        for (int i = 1; i < a.length; i++) {
            assertTrue(a[i - 1] < a[i], "ascending and distinct");
        }
        assertTrue(a[a.length - 1] > 20, "not simply the first 20");
        assertArrayEquals(new int[]{0, 1, 2}, Subset.random(5, 1).indices(3), "more than available: all");
    }

    @Test
    void invalidCountsNameTheField() {
        assertEquals("count", assertThrows(InvalidFieldException.class, () -> Subset.first(0)).field());
        assertEquals("count", assertThrows(InvalidFieldException.class, () -> new Subset(Subset.Mode.ALL, 3, 0)).field());
    }

    @Test
    void stderrIsSampleStdOverSqrtN() {
        double[] hits = {1, 0, 1, 1};
        assertEquals(0.75, MetricStats.mean(hits), 1e-15);
        // sample variance = (3 * 0.25^2 + 0.75^2) / 3 = 0.25, std 0.5, / sqrt(4)
        assertEquals(0.25, MetricStats.meanStderr(hits), 1e-15);
        assertEquals(0.0, MetricStats.meanStderr(new double[]{1, 1, 1}), 0.0);
        assertNull(MetricStats.meanStderr(new double[]{1}));
    }
}

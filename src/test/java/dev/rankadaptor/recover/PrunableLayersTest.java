package dev.rankadaptor.recover;

import dev.rankadaptor.common.InvalidFieldException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrunableLayersTest {
    private final PrunableLayers layers = new PrunableLayers(new int[] {1, 2, 4}, 8, 6);

    @Test
    void toFullPutsSearchedRanksAtTheirModelLayersAndTheBaseRankElsewhere() {
        assertArrayEquals(new int[] {8, 3, 5, 8, 12, 8}, layers.toFull(new int[] {3, 5, 12}));
        assertArrayEquals(new double[] {0, 0.1, 0.2, 0, 0.4, 0}, layers.toFull(new double[] {0.1, 0.2, 0.4}, 0), 0);
    }

    @Test
    void toLocalIsTheInverseOfToFull() {
        int[] local = {2, 16, 4};
        assertArrayEquals(local, layers.toLocal(layers.toFull(local)));
        assertArrayEquals(new int[] {11, 22, 44}, layers.toLocal(new int[] {0, 11, 22, 33, 44, 55}));
        assertArrayEquals(new long[] {10, 20, 40}, layers.toLocal(new long[] {0, 10, 20, 30, 40, 50}));
        assertEquals(3, layers.size());
    }

    @Test
    void wrongLengthsAreRefusedWithTheExpectedCount() {
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> layers.toFull(new int[] {1, 2}));
        assertTrue(e.getMessage().contains("expected 3") && e.getMessage().contains("got 2"), e.getMessage());
        e = assertThrows(InvalidFieldException.class, () -> layers.toLocal(new int[] {1, 2, 3}));
        assertTrue(e.getMessage().contains("expected 6"), e.getMessage());
    }

    @Test
    void theValueIsValidatedAtConstruction() {
        assertThrows(InvalidFieldException.class, () -> new PrunableLayers(new int[] {0, 6}, 8, 6));
        assertThrows(InvalidFieldException.class, () -> new PrunableLayers(new int[] {2, 1}, 8, 6));
        assertThrows(InvalidFieldException.class, () -> new PrunableLayers(new int[] {1, 1}, 8, 6));
        assertThrows(InvalidFieldException.class, () -> new PrunableLayers(new int[] {1}, 0, 6));
        assertThrows(InvalidFieldException.class, () -> new PrunableLayers(new int[] {}, 8, 0));
    }

    @Test
    void itIsAValueCopiedInAndOut() {
        int[] idx = {1, 2, 4};
        PrunableLayers a = new PrunableLayers(idx, 8, 6);
        idx[0] = 0;
        a.indices()[1] = 5;
        assertArrayEquals(new int[] {1, 2, 4}, a.indices());
        assertEquals(layers, a);
        assertEquals(layers.hashCode(), a.hashCode());
        assertNotEquals(layers, new PrunableLayers(new int[] {1, 2, 4}, 4, 6));
    }
}

package dev.rankadaptor.experiment;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** NoiseComparison.againstBest: the column's family, Holm over it (SciPy 1.17 reference p-values). */
class ColumnNoiseTest {
    private static NoiseComparison.Sample s(double mean, Double std, int n) {
        return new NoiseComparison.Sample(mean, std, n);
    }

    @Test
    void everyMethodIsTestedAgainstTheBestWithHolmOverTheColumn() {
        // best 0.70 +- 0.01 (n 3); raw Welch p: A 0.008050, B 0.331548, C 0.004798
        List<NoiseComparison> c = NoiseComparison.againstBest("boolq", List.of(
                s(0.66, 0.01, 3), s(0.70, 0.01, 3), s(0.69, 0.012, 3), s(0.60, 0.02, 3), s(0.65, null, 1)), 1e-12);
        assertNull(c.get(1), "the best is not compared with itself");
        assertEquals(2 * 0.008049893100837778, c.get(0).adjustedP(), 1e-9);
        assertEquals(NoiseComparison.Verdict.EXCEEDS_NOISE, c.get(0).verdict());
        assertEquals(0.33154848567138095, c.get(2).adjustedP(), 1e-9);
        assertEquals(NoiseComparison.Verdict.WITHIN_NOISE, c.get(2).verdict());
        assertEquals(3 * 0.004797999699128053, c.get(3).adjustedP(), 1e-9);
        assertEquals(NoiseComparison.Verdict.UNKNOWN, c.get(4).verdict(), "one repeat: not tested, not in the family");
    }

    @Test
    void aTieWithAOneRepeatBestIsDecidedByTheBestWithASpread() {
        List<NoiseComparison> c = NoiseComparison.againstBest("boolq", List.of(
                s(0.70, null, 1), s(0.70, 0.01, 3), s(0.69, 0.012, 3)), 1e-12);
        assertNull(c.get(0));
        assertNull(c.get(1));
        assertEquals(NoiseComparison.Verdict.WITHIN_NOISE, c.get(2).verdict());
        assertEquals(0.33154848567138095, c.get(2).pValue(), 1e-9);
        List<NoiseComparison> only = NoiseComparison.againstBest("boolq", List.of(s(0.70, null, 1), s(0.69, 0.012, 3)), 1e-12);
        assertEquals(NoiseComparison.Verdict.UNKNOWN, only.get(1).verdict());
        List<NoiseComparison> flat = NoiseComparison.againstBest("hellaswag", List.of(s(0.90, 0.0, 2), s(0.89, 0.0, 2),
                s(0.90, 0.0, 2)), 1e-12);
        assertEquals(NoiseComparison.Verdict.UNKNOWN, flat.get(1).verdict(), "no spread anywhere: no noise estimate");
    }
}

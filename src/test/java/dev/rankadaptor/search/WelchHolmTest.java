package dev.rankadaptor.search;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Welch's test and Holm's correction against reference values computed with SciPy 1.17
 * ({@code scipy.stats.ttest_ind(a, b, equal_var=False)}, {@code scipy.stats.t.ppf}) and by hand
 * for Holm (adj_(i) = max_{j<=i} min(1, (m - j + 1) p_(j))).
 */
class WelchHolmTest {
    @Test
    void studentTTailMatchesScipyQuantiles() {
        // t.ppf(0.975, df): the two-sided 5% critical values the old "2 SE" rule ignored
        assertEquals(0.05, NoiseStats.twoSidedP(12.706204736174694, 1), 1e-9);
        assertEquals(0.05, NoiseStats.twoSidedP(4.302652729749462, 2), 1e-9);
        assertEquals(0.05, NoiseStats.twoSidedP(3.1824463052837078, 3), 1e-9);
        assertEquals(0.05, NoiseStats.twoSidedP(2.7764451051977934, 4), 1e-9);
        assertEquals(0.05, NoiseStats.twoSidedP(3.5746548420036817, 2.5), 1e-9, "fractional df");
        assertEquals(0.20549011285266228, NoiseStats.twoSidedP(2.0, 1.7), 1e-9);
        assertEquals(0.20549011285266228, NoiseStats.twoSidedP(-2.0, 1.7), 1e-9, "two-sided: symmetric");
        assertEquals(5.580185415199261e-13, NoiseStats.twoSidedP(12.0, 30), 1e-15, "small tails keep precision");
    }

    @Test
    void welchFromSummariesMatchesScipy() {
        // a = {0.65, 0.67, 0.66}, b = {0.60, 0.62}: t 4.3301, df 1.6842, p 0.066496
        NoiseStats.Comparison c = NoiseStats.compare(new double[]{0.65, 0.67, 0.66}, new double[]{0.60, 0.62});
        assertEquals(0.05, c.difference(), 1e-12);
        assertEquals(4.330127018922193, c.welchT(), 1e-9);
        assertEquals(1.6842105263157894, c.degreesOfFreedom(), 1e-9);
        assertEquals(0.06649603374135418, c.pValue(), 1e-9);
        assertTrue(c.withinNoise(), "|t| 4.33 would pass '2 SE' but not Welch at df 1.7: " + c.describe());

        NoiseStats.Welch w = NoiseStats.welch(0.70, 0.01, 3, 0.66, 0.01, 3);
        assertEquals(4.898979485566346, w.t(), 1e-9);
        assertEquals(4.0, w.degreesOfFreedom(), 1e-9);
        assertEquals(0.008049893100837778, w.pValue(), 1e-9);

        NoiseStats.Welch u = NoiseStats.welch(60, 0.8, 4, 59.0, 0.3, 4);
        assertEquals(2.340822943922611, u.t(), 1e-9);
        assertEquals(3.8273880775676314, u.degreesOfFreedom(), 1e-9);
        assertEquals(0.08225627423055223, u.pValue(), 1e-9);
    }

    @Test
    void fewerThanTwoRepeatsGiveNoVerdictAndZeroSpreadIsExact() {
        NoiseStats.Comparison one = NoiseStats.compare(new double[]{70}, new double[]{60, 61});
        assertFalse(one.known());
        assertFalse(one.withinNoise(), "unknown is not 'within noise'");
        assertTrue(one.describe().contains("unknown"));
        assertFalse(NoiseStats.welch(0.7, 0, 3, 0.6, 0, 3).known(), "both spreads 0: no noise estimate");
        assertEquals(1.0, NoiseStats.welch(0.7, 0, 3, 0.7, 0, 3).pValue());
        assertEquals(2.0, NoiseStats.welch(0.7, 0, 3, 0.6, 0.01, 3).degreesOfFreedom(), 1e-12,
                "one side without spread: df = n_b - 1");
    }

    @Test
    void holmAdjustsStepDownAndSkipsUnknowns() {
        // sorted: 0.0318 * 3 = 0.0954; max(0.0954, 0.04 * 2 = 0.08) = 0.0954; max(0.0954, 0.5 * 1) = 0.5
        double[] adj = NoiseStats.holm(new double[]{0.0318, 0.04, Double.NaN, 0.5});
        assertArrayEquals(new double[]{0.0954, 0.0954, Double.NaN, 0.5}, adj, 1e-12);
        // both raw p < 0.05, neither survives the correction
        assertTrue(adj[0] > NoiseStats.ALPHA && adj[1] > NoiseStats.ALPHA);
        // p (best vs A, B, C) = 0.008050, 0.331548, 0.004798 -> C 0.014394, A 0.016100, B 0.331548
        double pa = NoiseStats.welch(0.70, 0.01, 3, 0.66, 0.01, 3).pValue();
        double pb = NoiseStats.welch(0.70, 0.01, 3, 0.69, 0.012, 3).pValue();
        double pc = NoiseStats.welch(0.70, 0.01, 3, 0.60, 0.02, 3).pValue();
        assertEquals(0.33154848567138095, pb, 1e-9);
        assertEquals(0.004797999699128053, pc, 1e-9);
        assertArrayEquals(new double[]{2 * 0.008049893100837778, 0.33154848567138095, 3 * 0.004797999699128053},
                NoiseStats.holm(new double[]{pa, pb, pc}), 1e-9);
        assertEquals(1.0, NoiseStats.holm(new double[]{0.6, 0.7})[0], "capped at 1");
    }
}

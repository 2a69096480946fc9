package dev.rankadaptor.search;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RankCorrelationTest {
    @Test
    void tiedValuesShareTheirMeanRank() {
        assertArrayEquals(new double[]{1, 2.5, 2.5, 4}, RankCorrelation.ranks(new double[]{1, 2, 2, 3}), 1e-12);
    }

    @Test
    void spearmanAndKendallWithoutTiesMatchHandComputedValues() {
        double[] a = {1, 2, 3, 4, 5};
        double[] b = {2, 1, 4, 3, 5};
        // d = (-1, 1, -1, 1, 0): rho = 1 - 6 * 4 / (5 * 24) = 0.8
        assertEquals(0.8, RankCorrelation.spearman(a, b), 1e-12);
        // 10 pairs, discordant (1,2) and (3,4): tau = (8 - 2) / 10 = 0.6
        assertEquals(0.6, RankCorrelation.kendall(a, b), 1e-12);
    }

    @Test
    void tiesFollowTauBAndAverageRanks() {
        double[] a = {1, 2, 2, 3};
        double[] b = {1, 2, 3, 4};
        // ranks a = (1, 2.5, 2.5, 4), b = (1, 2, 3, 4): Pearson of the ranks = 4.5 / sqrt(4.5 * 5) = 0.9486833
        assertEquals(4.5 / Math.sqrt(4.5 * 5), RankCorrelation.spearman(a, b), 1e-12);
        // n0 = 6, one pair tied in a, none in b, C = 5, D = 0: tau-b = 5 / sqrt(5 * 6)
        assertEquals(5 / Math.sqrt(30), RankCorrelation.kendall(a, b), 1e-12);
        assertEquals(-1.0, RankCorrelation.kendall(new double[]{1, 2, 3}, new double[]{3, 2, 1}), 1e-12);
    }

    @Test
    void constantSideIsUndefinedAndRmseIsPlain() {
        assertTrue(Double.isNaN(RankCorrelation.spearman(new double[]{1, 1, 1}, new double[]{1, 2, 3})));
        assertTrue(Double.isNaN(RankCorrelation.kendall(new double[]{1, 1, 1}, new double[]{1, 2, 3})));
        assertEquals(Math.sqrt((1 + 4) / 2.0), RankCorrelation.rmse(new double[]{1, 2}, new double[]{2, 4}), 1e-12);
    }
}

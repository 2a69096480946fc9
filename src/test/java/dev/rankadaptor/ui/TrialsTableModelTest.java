package dev.rankadaptor.ui;

import dev.rankadaptor.ui.charts.ConvergenceChart;
import dev.rankadaptor.ui.charts.HeatmapData;
import dev.rankadaptor.ui.trials.TrialFilter;
import dev.rankadaptor.ui.trials.TrialSearch;
import dev.rankadaptor.ui.trials.TrialRow;
import dev.rankadaptor.ui.trials.TrialsTableModel;
import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Trials table, filter and chart-data logic without a Stage. */
class TrialsTableModelTest {
    private static final double NaN = Double.NaN;

    private static TrialsTableModel model() {
        TrialsTableModel m = new TrialsTableModel();
        m.trials().addAll(List.of(
                new TrialRow(0, "initial", new int[] {2, 4, 6}, NaN, 0.40, null),
                new TrialRow(1, "initial", new int[] {8, 8, 8}, NaN, 0.45, null),
                new TrialRow(2, "search", new int[] {12, 4, 2}, 0.47, 0.50, null),
                new TrialRow(3, "search", new int[] {12, 10, 2}, 0.52, NaN, null)));
        return m;
    }

    @Test
    void filtersByPhaseMinimumAndLayerRank() {
        TrialsTableModel m = model();
        m.setFilter(TrialFilter.ALL.withPhase("search"));
        assertEquals(List.of(2, 3), m.sortedTrials().stream().map(TrialRow::getIndex).toList());
        m.setFilter(TrialFilter.ALL.withMinMeasured(0.45));
        assertEquals(List.of(1, 2), m.sortedTrials().stream().map(TrialRow::getIndex).toList()); // NaN never passes a minimum
        m.setFilter(TrialFilter.ALL.withLayerRank(0, 12).withPhase("search"));
        assertEquals(List.of(2, 3), m.sortedTrials().stream().map(TrialRow::getIndex).toList());
        m.setFilter(TrialFilter.ALL.withLayerRank(5, 12));
        assertTrue(m.sortedTrials().isEmpty()); // no such layer
        m.setFilter(null);
        assertEquals(4, m.sortedTrials().size());
    }

    @Test
    void sortingTheViewLeavesSearchOrderAlone() {
        TrialsTableModel m = model();
        m.sortedTrials().setComparator(Comparator.comparingInt(TrialRow::getIndex).reversed());
        assertEquals(3, m.sortedTrials().get(0).getIndex());
        assertEquals(List.of(0, 1, 2, 3), m.trials().stream().map(TrialRow::getIndex).toList());
    }

    @Test
    void filterParserNamesTheBadField() {
        TrialFilter f = TrialFilter.parse("search", " 0.5 ", "7=12");
        assertEquals(new TrialFilter("search", 0.5, 7, 12), f);
        assertEquals(TrialFilter.ALL.phase(), TrialFilter.parse(" ", "", null).phase());
        IllegalArgumentException e1 = assertThrows(IllegalArgumentException.class, () -> TrialFilter.parse(null, "abc", ""));
        assertTrue(e1.getMessage().startsWith("min measured"));
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class, () -> TrialFilter.parse(null, "", "7:12"));
        assertTrue(e2.getMessage().startsWith("layer=rank"));
    }

    @Test
    void heatmapIsLayersByTrialsInSearchOrderXFastest() {
        TrialsTableModel m = model();
        HeatmapData h = m.heatmap();
        assertEquals(4, h.nx());
        assertEquals(3, h.ny());
        double[] z = h.values();
        // z[y * nx + x]: layer 1 of trial 2 is 4, layer 2 of trial 3 is 2, layer 0 of trial 1 is 8
        assertEquals(4, z[1 * 4 + 2]);
        assertEquals(2, z[2 * 4 + 3]);
        assertEquals(8, z[0 * 4 + 1]);
        assertEquals(h.z(2, 1), z[1 * 4 + 2]);
    }

    @Test
    void rowsByLayersPadsShortRowsWithNaN() {
        HeatmapData h = HeatmapData.rowsByLayers(List.of("a", "b"), List.of(new int[] {1, 2, 3}, new int[] {4, 5}), 3);
        assertEquals(3, h.nx());
        assertEquals(2, h.ny());
        assertEquals(5, h.z(1, 1));
        assertEquals(3, h.z(2, 0));
        assertEquals(5, h.values()[1 * 3 + 1]);
        assertTrue(Double.isNaN(h.z(2, 1)));
        assertThrows(IllegalArgumentException.class, () -> HeatmapData.rowsByLayers(List.of("a"), List.of(), 3));
    }

    @Test
    void selectionMapsToHeatmapColumnAndScatterUsesOnlyPredictedMeasuredTrials() {
        TrialsTableModel m = model();
        m.setSelectedTrial(2);
        assertEquals(2, m.selectedPosition());
        m.setSelectedTrial(99);
        assertEquals(-1, m.selectedPosition());
        double[][] pm = m.predictedVsMeasured();
        assertArrayEquals(new double[] {0.47}, pm[0]);
        assertArrayEquals(new double[] {0.50}, pm[1]);
        assertEquals(List.of("initial", "search"), m.phases());
    }

    @Test
    void convergenceShowsTheBestSoFarNotTheLast() {
        assertArrayEquals(new double[] {NaN, 0.4, 0.5, 0.5, 0.6},
                ConvergenceChart.bestSoFar(new double[] {NaN, 0.4, 0.5, 0.45, 0.6}));
    }
}

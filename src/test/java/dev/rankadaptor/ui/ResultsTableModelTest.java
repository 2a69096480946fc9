package dev.rankadaptor.ui;

import dev.rankadaptor.reference.PaperReference;
import dev.rankadaptor.ui.results.CellMark;
import dev.rankadaptor.ui.results.ReferenceBlock;
import dev.rankadaptor.ui.results.ResultsRow;
import dev.rankadaptor.ui.results.ResultsTableModel;
import dev.rankadaptor.ui.results.ResultsViewModel;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Results table logic without a Stage: best per column, ties within noise, reference toggle. */
class ResultsTableModelTest {

    @Test
    void marksTheBestRowPerColumnAmongVisibleRows() {
        ResultsTableModel m = new ResultsTableModel(List.of("A", "B"));
        ResultsRow ours = ResultsRow.of("ours", false, 60, 40);
        ResultsRow lora = ResultsRow.of("lora", false, 55, 45);
        ResultsRow paper = ResultsRow.of("paper", true, 70, 30);
        m.setRows(List.of(ours, lora, paper));
        assertEquals(CellMark.BEST, m.mark(paper, 0));
        assertEquals(CellMark.BEST, m.mark(lora, 1));
        assertEquals(CellMark.NONE, m.mark(ours, 0));
        // Avg column (index 2): ours 50, lora 50, paper 50 -> first wins ties; hide paper
        m.setShowReference(false);
        assertEquals(2, m.visibleRows().size());
        assertEquals(CellMark.BEST, m.mark(ours, 0));
        assertEquals(List.of("A", "B", "Avg"), m.columns());
    }

    @Test
    void differencesWithinMeasuredNoiseAreMarkedAsSuch() {
        ResultsTableModel m = new ResultsTableModel(List.of("A"));
        ResultsRow best = new ResultsRow("best", false, new double[] {60.0}, new double[] {0.8}, Double.NaN);
        ResultsRow close = new ResultsRow("close", false, new double[] {59.5}, new double[] {0.3}, Double.NaN);
        ResultsRow far = new ResultsRow("far", false, new double[] {58.0}, new double[] {0.3}, Double.NaN);
        ResultsRow unknown = ResultsRow.of("no noise", false, 59.9);
        m.setRows(List.of(best, close, far, unknown));
        assertEquals(CellMark.BEST, m.mark(best, 0));
        assertEquals(CellMark.WITHIN_NOISE, m.mark(close, 0));
        assertEquals(CellMark.NONE, m.mark(far, 0));
        assertEquals(CellMark.WITHIN_NOISE, m.mark(unknown, 0)); // best's own std covers the gap
    }

    @Test
    void rowsWithTheWrongNumberOfScoresAreRefused() {
        ResultsTableModel m = new ResultsTableModel(List.of("A", "B"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.setRows(List.of(ResultsRow.of("x", false, 1.0))));
        assertTrue(e.getMessage().contains("'x'"));
    }

    @Test
    void paperBlocksBecomeReferenceRowsBesideOurs() {
        ResultsViewModel vm = new ResultsViewModel(PaperReference.bundled());
        // 8 blocks in table 2, 1 in table 4, 8 in table 5, 2 in table 6, 8 in table 9
        assertEquals(27, vm.blocks().size());
        ReferenceBlock first = vm.blocks().get(0);
        assertEquals("Table 2 · LLaMA-7B · LLM-Pruner · 20%", first.label());
        vm.setOwnRows(List.of(ResultsRow.of("ours", false, 70, 80, 70, 66, 66, 30, 42)));
        assertEquals(4, vm.table().rows().size());
        ResultsRow ours = vm.table().rows().get(0);
        assertEquals(CellMark.BEST, vm.table().mark(ours, 0)); // 70 > paper's 67.34
        assertEquals(CellMark.NONE, vm.table().mark(ours, 5)); // 30 < paper RankAdaptor 37.80
    }

    @Test
    void table10HeatmapDropsOnlyTheShortRowAndExplainsBoth() {
        ResultsViewModel vm = new ResultsViewModel(PaperReference.bundled());
        assertEquals(27, vm.table10Heatmap().ny());
        assertEquals(32, vm.table10Heatmap().nx());
        assertTrue(vm.table10Heatmap().rowLabels().contains("25% OBQA (!)"));
        assertFalse(vm.table10Heatmap().rowLabels().stream().anyMatch(l -> l.startsWith("25% Wino")));
        List<String> notes = vm.table10Notes();
        assertEquals(2, notes.size());
        assertTrue(notes.get(0).startsWith("25% Wino: 31 entries") && notes.get(0).endsWith("(not drawn)"));
        assertTrue(notes.get(1).startsWith("25% OBQA: rank 1 at layer 10"));
    }
}

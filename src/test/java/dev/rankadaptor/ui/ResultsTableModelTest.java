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
    void marksTheBestRowPerColumnWithinOursAndWithinThePapersRows() {
        ResultsTableModel m = new ResultsTableModel(List.of("A", "B"));
        ResultsRow ours = ResultsRow.of("ours", false, 60, 40);
        ResultsRow lora = ResultsRow.of("lora", false, 55, 45);
        ResultsRow paper = ResultsRow.of("paper", true, 70, 30);
        ResultsRow paper2 = ResultsRow.of("paper 2", true, 65, 35);
        m.setRows(List.of(ours, lora, paper, paper2));
        // ours are ranked among ours: the paper's 70 (another model) does not take "best" from 60
        assertEquals(CellMark.BEST, m.mark(ours, 0));
        assertEquals(CellMark.NONE, m.mark(lora, 0));
        assertEquals(CellMark.BEST, m.mark(lora, 1));
        assertEquals(CellMark.NONE, m.mark(ours, 1));
        // the paper's rows among themselves
        assertEquals(CellMark.BEST, m.mark(paper, 0));
        assertEquals(CellMark.BEST, m.mark(paper2, 1));
        assertEquals(CellMark.NONE, m.mark(paper, 1));
        // Avg column (index 2): ours 50, lora 50, paper 50 -> first wins ties; hide paper
        m.setShowReference(false);
        assertEquals(2, m.visibleRows().size());
        assertEquals(CellMark.BEST, m.mark(ours, 0));
        assertEquals(List.of("A", "B", "Avg"), m.columns());
    }

    @Test
    void differencesWithinMeasuredNoiseAreMarkedAsSuch() {
        // n = 4 repeats; Welch p vs best (SciPy ttest_ind_from_stats): close 0.309514, mid 0.026483, far 0.002550;
        // Holm over the 3 known comparisons: far 0.00765 (beyond), mid max(0.00765, 2 x 0.026483) = 0.05297 (within), close 0.3095
        ResultsTableModel m = new ResultsTableModel(List.of("A"));
        ResultsRow best = new ResultsRow("best", false, new double[] {60.0}, new double[] {0.8}, Double.NaN, 0.8, 4);
        ResultsRow close = new ResultsRow("close", false, new double[] {59.5}, new double[] {0.3}, Double.NaN, 0.3, 4);
        ResultsRow mid = new ResultsRow("mid", false, new double[] {58.5}, new double[] {0.3}, Double.NaN, 0.3, 4);
        ResultsRow far = new ResultsRow("far", false, new double[] {57.0}, new double[] {0.3}, Double.NaN, 0.3, 4);
        ResultsRow unknown = ResultsRow.of("no noise", false, 59.9); // a published number: no verdict
        ResultsRow single = new ResultsRow("one seed", false, new double[] {59.95}, new double[] {0.1}, Double.NaN, 0.1, 1);
        m.setRows(List.of(best, close, mid, far, unknown, single));
        assertEquals(CellMark.BEST, m.mark(best, 0));
        assertEquals(CellMark.WITHIN_NOISE, m.mark(close, 0));
        assertEquals(CellMark.WITHIN_NOISE, m.mark(mid, 0), "raw p 0.026 < 0.05, but not after Holm's correction");
        assertEquals(CellMark.NONE, m.mark(far, 0));
        assertEquals(CellMark.NONE, m.mark(unknown, 0), "no spread on one side: unknown, never 'within noise'");
        assertEquals(CellMark.NONE, m.mark(single, 0), "one repeat has no standard error");
        // the Avg column uses the spread of the per-repeat averages
        assertEquals(CellMark.WITHIN_NOISE, m.mark(close, 1));
        assertEquals(0.4, best.stderr(1), 1e-12);
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
        assertEquals(CellMark.BEST, vm.table().mark(ours, 5)); // our only row, though below the paper's 37.80
        ResultsRow paperRankAdaptor = vm.table().rows().stream().filter(r -> r.label().contains("RankAdaptor")).findFirst().orElseThrow();
        assertEquals(CellMark.BEST, vm.table().mark(paperRankAdaptor, 5)); // 37.80, best of the paper's block
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

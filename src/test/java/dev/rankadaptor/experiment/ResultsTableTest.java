package dev.rankadaptor.experiment;

import dev.rankadaptor.common.InvalidFieldException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultsTableTest {
    @TempDir
    Path dir;

    static ResultsTable small() {
        List<String> tasks = List.of("boolq", "piqa");
        MethodRow ra = MethodRow.measured("rankadaptor", "RankAdaptor", tasks, List.of(
                Map.of("boolq", 0.65, "piqa", 0.77), Map.of("boolq", 0.67, "piqa", 0.78), Map.of("boolq", 0.66, "piqa", 0.76)));
        MethodRow lora = MethodRow.measured("lora_uniform", null, tasks, List.of(
                Map.of("boolq", 0.60, "piqa", 0.78), Map.of("boolq", 0.62, "piqa", 0.77)));
        MethodRow paper = MethodRow.reference("paper_lora", "LoRA (paper)", "RankAdaptor paper, Table 2",
                Map.of("boolq", 0.633, "piqa", 0.768), null);
        return new ResultsTable(tasks, List.of(ra, lora)).withRows(List.of(paper));
    }

    @Test
    void meanSampleStdAndN() {
        ResultsTable t = small();
        ScoreCell boolq = t.row("rankadaptor").cell("boolq");
        assertEquals(0.66, boolq.mean(), 1e-12);
        assertEquals(0.01, boolq.std(), 1e-12);
        assertEquals(3, boolq.n());
        ScoreCell avg = t.row("rankadaptor").cell(ResultsTable.AVERAGE);
        assertEquals(0.715, avg.mean(), 1e-12);
        assertEquals(Math.sqrt(0.000075), avg.std(), 1e-12, "std of the per-repeat averages");
        assertEquals(2, t.row("lora_uniform").repeats());
        assertNull(t.row("paper_lora").cell("boolq").std());
        assertEquals(0.7005, t.row("paper_lora").average().mean(), 1e-12);
        assertNull(ScoreCell.of(List.of(0.5)).std(), "one repeat has no spread");
    }

    @Test
    void bestAndWithinNoise() {
        ResultsTable t = small();
        assertEquals(List.of("rankadaptor"), t.best("boolq"));
        assertEquals(List.of("lora_uniform"), t.best("piqa"));
        assertEquals(List.of("rankadaptor"), t.best(ResultsTable.AVERAGE), "reference rows are never best");

        NoiseComparison piqa = t.compare("rankadaptor", "lora_uniform", "piqa");
        double se = Math.sqrt(0.01 * 0.01 / 3 + 0.00005 / 2);
        assertEquals(-0.005, piqa.difference(), 1e-12);
        assertEquals(se, piqa.standardError(), 1e-12);
        // SciPy ttest_ind(equal_var=False): piqa p 0.561151 (df 2.882), boolq p 0.066496 (df 1.684), average p 0.031788 (df 2.778)
        assertEquals(0.5611508812400856, piqa.pValue(), 1e-9);
        assertEquals(2.8823529411764706, piqa.degreesOfFreedom(), 1e-9);
        assertTrue(piqa.withinNoise());
        NoiseComparison boolq = t.compare("rankadaptor", "lora_uniform", "boolq");
        assertEquals(0.06649603374135418, boolq.pValue(), 1e-9);
        assertEquals(NoiseComparison.Verdict.WITHIN_NOISE, boolq.verdict(), "5 points apart, but n = 2-3: not beyond noise");
        assertEquals(NoiseComparison.Verdict.EXCEEDS_NOISE, t.compare("rankadaptor", "lora_uniform", ResultsTable.AVERAGE).verdict());
        assertEquals(NoiseComparison.Verdict.UNKNOWN, t.compare("rankadaptor", "paper_lora", "boolq").verdict());
        assertTrue(t.withinNoiseOfBest("rankadaptor", "piqa"));
        assertTrue(t.withinNoiseOfBest("lora_uniform", "boolq"));
        assertFalse(t.withinNoiseOfBest("lora_uniform", ResultsTable.AVERAGE));
        assertFalse(t.withinNoiseOfBest("rankadaptor", "boolq"), "the best is not 'within noise of the best'");
    }

    @Test
    void measuredRowsNeedEveryTask() {
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> MethodRow.measured("x", null,
                List.of("boolq", "piqa"), List.of(Map.of("boolq", 0.5))));
        assertEquals("x.repeats[0].piqa", e.field());
    }

    @Test
    void csvGolden() {
        assertEquals("""
                method,label,reference,n,boolq_mean,boolq_std,piqa_mean,piqa_std,average_mean,average_std
                rankadaptor,RankAdaptor,false,3,66.00,1.00,77.00,1.00,71.50,0.87
                lora_uniform,LoRA,false,2,61.00,1.41,77.50,0.71,69.25,0.35
                paper_lora,LoRA (paper),true,,63.30,,76.80,,70.05,
                """, ResultsExport.csv(small()));
    }

    @Test
    void markdownGolden() {
        assertEquals("""
                | Method | n | BoolQ | PIQA | Average |
                |:---|---:|---:|---:|---:|
                | RankAdaptor | 3 | **66.00 ± 1.00** | 77.00 ± 1.00 ° | **71.50 ± 0.87** |
                | LoRA | 2 | 61.00 ± 1.41 ° | **77.50 ± 0.71** | 69.25 ± 0.35 |
                | LoRA (paper) † | – | 63.30 | 76.80 | 70.05 |

                Values in %, mean ± sample std over n seeds; **bold**: best measured value of the column.
                °: within noise of the best: Welch's t-test vs the column's best not significant at two-sided alpha = 0.05, Holm-corrected over the column; unmarked non-best values differ beyond noise, except where n < 2 or both spreads are 0 (not tested).
                †: published numbers (RankAdaptor paper, Table 2), not measured here.
                """, ResultsExport.markdown(small()));
    }

    @Test
    void latexGolden() {
        assertEquals("""
                \\begin{tabular}{lrrrr}
                \\toprule
                Method & $n$ & BoolQ & PIQA & Average \\\\
                \\midrule
                RankAdaptor & 3 & \\textbf{66.00 $\\pm$ 1.00} & 77.00 $\\pm$ 1.00$^\\circ$ & \\textbf{71.50 $\\pm$ 0.87} \\\\
                LoRA & 2 & 61.00 $\\pm$ 1.41$^\\circ$ & \\textbf{77.50 $\\pm$ 0.71} & 69.25 $\\pm$ 0.35 \\\\
                \\midrule
                LoRA (paper)$^\\dagger$ & -- & 63.30 & 76.80 & 70.05 \\\\
                \\bottomrule
                \\end{tabular}
                % values in %, mean $\\pm$ sample std over n seeds; bold: best measured value of the column
                % $^\\circ$: within noise of the best: Welch's t-test vs the column's best not significant at two-sided alpha = 0.05, Holm-corrected over the column; unmarked non-best values differ beyond noise, except where n < 2 or both spreads are 0 (not tested)
                % $^\\dagger$: published numbers (RankAdaptor paper, Table 2), not measured here
                """, ResultsExport.latex(small()));
        assertEquals("50\\% \\& A\\_b", ResultsExport.escape("50% & A_b"));
    }

    @Test
    void resultsFileRoundTripAndAtomicExports() throws Exception {
        ResultsTable t = small();
        Path file = dir.resolve("results.json");
        ResultsFile.write(file, t);
        assertTrue(Files.readString(file).startsWith("{\n  \"schema_version\" : 1,"));
        assertEquals(t, ResultsFile.read(file));
        ResultsExport.writeCsv(dir.resolve("results.csv"), t);
        ResultsExport.writeMarkdown(dir.resolve("results.md"), t);
        ResultsExport.writeLatex(dir.resolve("results.tex"), t);
        ResultsExport.writeLatex(dir.resolve("results.tex"), t);
        assertEquals(ResultsExport.latex(t), Files.readString(dir.resolve("results.tex")));
        try (var s = Files.list(dir)) {
            assertEquals(List.of("results.csv", "results.json", "results.md", "results.tex"),
                    s.map(p -> p.getFileName().toString()).sorted().toList(), "no temp files left behind");
        }
    }
}

package dev.rankadaptor.experiment;

import dev.rankadaptor.common.AtomicFiles;
import dev.rankadaptor.eval.TaskKind;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Exports of the results table as CSV (data, every number), Markdown and LaTeX (booktabs) for
 * papers and READMEs. Values are percentages with two decimals, "mean ± std" over repeats; the
 * best measured value of each column is bold; values within noise of the best are marked with
 * a degree sign; published reference rows come last, marked with a dagger. Files are written atomically.
 */
public final class ResultsExport {
    /** How "within noise" was decided (docs/statistics.md), printed under the Markdown and LaTeX tables. */
    static final String TEST = "Welch's t-test vs the column's best not significant at two-sided alpha = 0.05, "
            + "Holm-corrected over the column; unmarked non-best values differ beyond noise, except where n < 2 or "
            + "both spreads are 0 (not tested)";
    private ResultsExport() {
    }

    public static void writeCsv(Path file, ResultsTable t) {
        AtomicFiles.writeString(file, csv(t));
    }

    public static void writeMarkdown(Path file, ResultsTable t) {
        AtomicFiles.writeString(file, markdown(t));
    }

    public static void writeLatex(Path file, ResultsTable t) {
        AtomicFiles.writeString(file, latex(t));
    }

    /** One line per method: id, label, reference flag, n, then mean and std (percent) per column; empty = unknown. */
    public static String csv(ResultsTable t) {
        boolean params = hasParameters(t);
        StringBuilder sb = new StringBuilder("method,label,reference,n");
        if (params) {
            sb.append(",trainable_params,params_pct_of_uniform_lora");
        }
        for (String c : t.columns()) {
            sb.append(',').append(c).append("_mean,").append(c).append("_std");
        }
        sb.append('\n');
        for (MethodRow r : t.rows()) {
            sb.append(csvField(r.method())).append(',').append(csvField(r.label())).append(',').append(r.reference())
                    .append(',').append(r.reference() ? "" : Integer.toString(r.repeats()));
            if (params) {
                TrainableParameters p = r.parameters();
                sb.append(',').append(p == null ? "" : Long.toString(p.count()))
                        .append(',').append(p == null ? "" : String.format(Locale.ROOT, "%.2f", p.percent()));
            }
            for (String c : t.columns()) {
                ScoreCell cell = r.cell(c);
                sb.append(',').append(cell == null ? "" : pct(cell.mean()))
                        .append(',').append(cell == null || cell.std() == null ? "" : pct(cell.std()));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    public static String markdown(ResultsTable t) {
        boolean params = hasParameters(t);
        StringBuilder sb = new StringBuilder("| Method | n |" + (params ? " Params (% LoRA) |" : ""));
        for (String c : t.columns()) {
            sb.append(' ').append(header(c)).append(" |");
        }
        sb.append("\n|:---|---:|").append(params ? "---:|" : "");
        sb.append("---:|".repeat(t.columns().size())).append('\n');
        boolean anyNoise = false;
        for (MethodRow r : t.rows()) {
            sb.append("| ").append(r.label()).append(r.reference() ? " †" : "").append(" | ")
                    .append(r.reference() ? "–" : Integer.toString(r.repeats())).append(" |");
            if (params) {
                sb.append(' ').append(r.parameters() == null ? "–" : r.parameters().describe()).append(" |");
            }
            for (String c : t.columns()) {
                String v = value(r.cell(c), " ± ");
                if (r.cell(c) != null && !r.reference()) {
                    if (t.best(c).contains(r.method())) {
                        v = "**" + v + "**";
                    } else if (t.withinNoiseOfBest(r.method(), c)) {
                        v = v + " °";
                        anyNoise = true;
                    }
                }
                sb.append(' ').append(v).append(" |");
            }
            sb.append('\n');
        }
        sb.append("\nValues in %, mean ± sample std over n seeds; **bold**: best measured value of the column.\n");
        if (params) {
            sb.append("Params: trainable LoRA parameters on the pruned model, and their share of uniform LoRA at the base rank.\n");
        }
        if (anyNoise) {
            sb.append("°: within noise of the best: ").append(TEST).append(".\n");
        }
        for (String s : sources(t)) {
            sb.append("†: published numbers (").append(s).append("), not measured here.\n");
        }
        return sb.toString();
    }

    public static String latex(ResultsTable t) {
        boolean params = hasParameters(t);
        StringBuilder sb = new StringBuilder("\\begin{tabular}{lr" + (params ? "r" : ""));
        sb.append("r".repeat(t.columns().size())).append("}\n\\toprule\nMethod & $n$").append(params ? " & Params (\\% LoRA)" : "");
        for (String c : t.columns()) {
            sb.append(" & ").append(escape(header(c)));
        }
        sb.append(" \\\\\n\\midrule\n");
        boolean anyNoise = false;
        boolean referenceBlock = false;
        for (MethodRow r : t.rows()) {
            if (r.reference() && !referenceBlock) {
                sb.append("\\midrule\n");
                referenceBlock = true;
            }
            sb.append(escape(r.label())).append(r.reference() ? "$^\\dagger$" : "").append(" & ")
                    .append(r.reference() ? "--" : Integer.toString(r.repeats()));
            if (params) {
                sb.append(" & ").append(r.parameters() == null ? "--" : escape(r.parameters().describe()));
            }
            for (String c : t.columns()) {
                ScoreCell cell = r.cell(c);
                String v = cell == null ? "--" : value(cell, " $\\pm$ ");
                if (cell != null && !r.reference()) {
                    if (t.best(c).contains(r.method())) {
                        v = "\\textbf{" + v + "}";
                    } else if (t.withinNoiseOfBest(r.method(), c)) {
                        v = v + "$^\\circ$";
                        anyNoise = true;
                    }
                }
                sb.append(" & ").append(v);
            }
            sb.append(" \\\\\n");
        }
        sb.append("\\bottomrule\n\\end{tabular}\n");
        sb.append("% values in %, mean $\\pm$ sample std over n seeds; bold: best measured value of the column\n");
        if (anyNoise) {
            sb.append("% $^\\circ$: within noise of the best: ").append(TEST).append("\n");
        }
        for (String s : sources(t)) {
            sb.append("% $^\\dagger$: published numbers (").append(s).append("), not measured here\n");
        }
        return sb.toString();
    }

    /** True when any row knows its trainable parameters (runs of this build); older results get no column. */
    public static boolean hasParameters(ResultsTable t) {
        return t.rows().stream().anyMatch(r -> r.parameters() != null);
    }

    private static Set<String> sources(ResultsTable t) {
        Set<String> out = new LinkedHashSet<>();
        for (MethodRow r : t.referenceRows()) {
            out.add(r.source() == null ? "source not given" : r.source());
        }
        return out;
    }

    private static String value(ScoreCell cell, String pm) {
        if (cell == null) {
            return "–";
        }
        return cell.std() == null ? pct(cell.mean()) : pct(cell.mean()) + pm + pct(cell.std());
    }

    private static String header(String column) {
        if (ResultsTable.AVERAGE.equals(column)) {
            return "Average";
        }
        try {
            return TaskKind.parse(column).displayName();
        } catch (RuntimeException e) {
            return column;
        }
    }

    static String pct(double fraction) {
        return String.format(Locale.ROOT, "%.2f", fraction * 100.0);
    }

    private static String csvField(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '\\' -> sb.append("\\textbackslash{}");
                case '&', '%', '$', '#', '_', '{', '}' -> sb.append('\\').append(ch);
                case '~' -> sb.append("\\textasciitilde{}");
                case '^' -> sb.append("\\textasciicircum{}");
                default -> sb.append(ch);
            }
        }
        return sb.toString();
    }

    /** The header a column gets in exports and in the GUI: the paper's task name ("ARC-e") or "Average". */
    public static String columnLabel(String column) {
        return header(column);
    }
}

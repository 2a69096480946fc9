package dev.rankadaptor.ui.results;

import java.util.List;
import java.util.Locale;

/**
 * The methods x tasks table exactly as the user sees it (visible rows, best marked), as CSV,
 * Markdown or LaTeX text for papers and notes. Pure functions over the model: the caller writes
 * the text with AtomicFiles off the UI thread.
 */
public final class ResultsTableExport {
    private ResultsTableExport() {
    }

    public static String csv(ResultsTableModel m) {
        StringBuilder sb = new StringBuilder();
        boolean params = hasParameters(m);
        sb.append("method,reference").append(params ? ",params" : "");
        for (String c : m.columns()) {
            sb.append(',').append(csvField(c));
        }
        sb.append('\n');
        for (ResultsRow r : m.visibleRows()) {
            sb.append(csvField(r.label())).append(',').append(r.reference());
            if (params) {
                sb.append(',').append(csvField(r.parameters()));
            }
            for (int c = 0; c < m.columns().size(); c++) {
                sb.append(',').append(number(r.value(c)));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Markdown table; the best value per column is bold, values within noise of it get "≈". */
    public static String markdown(ResultsTableModel m) {
        boolean params = hasParameters(m);
        StringBuilder sb = new StringBuilder("| Method |" + (params ? " Params (% LoRA) |" : ""));
        m.columns().forEach(c -> sb.append(' ').append(c).append(" |"));
        sb.append("\n|---|").append(params ? "---:|" : "");
        m.columns().forEach(c -> sb.append("---:|"));
        sb.append('\n');
        for (ResultsRow r : m.visibleRows()) {
            sb.append("| ").append(r.label().replace("|", "\\|")).append(" |");
            if (params) {
                sb.append(' ').append(r.parameters()).append(" |");
            }
            for (int c = 0; c < m.columns().size(); c++) {
                String v = cell(r, c);
                CellMark mark = m.mark(r, c);
                sb.append(' ').append(mark == CellMark.BEST ? "**" + v + "**" : mark == CellMark.WITHIN_NOISE ? v + " ≈" : v).append(" |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** LaTeX tabular (booktabs); best per column in \textbf. */
    public static String latex(ResultsTableModel m) {
        List<String> cols = m.columns();
        boolean params = hasParameters(m);
        StringBuilder sb = new StringBuilder("\\begin{tabular}{l" + (params ? "r" : "") + "r".repeat(cols.size())
                + "}\n\\toprule\nMethod" + (params ? " & Params (\\% LoRA)" : ""));
        cols.forEach(c -> sb.append(" & ").append(tex(c)));
        sb.append(" \\\\\n\\midrule\n");
        for (ResultsRow r : m.visibleRows()) {
            sb.append(tex(r.label()));
            if (params) {
                sb.append(" & ").append(tex(r.parameters()));
            }
            for (int c = 0; c < cols.size(); c++) {
                String v = cell(r, c);
                sb.append(" & ").append(m.mark(r, c) == CellMark.BEST ? "\\textbf{" + v + "}" : v);
            }
            sb.append(" \\\\\n");
        }
        sb.append("\\bottomrule\n\\end{tabular}\n");
        return sb.toString();
    }

    /** True when some visible row knows its trainable parameters (then a Params column is exported). */
    static boolean hasParameters(ResultsTableModel m) {
        return m.visibleRows().stream().anyMatch(r -> !r.parameters().isEmpty());
    }

    private static String cell(ResultsRow r, int c) {
        String v = number(r.value(c));
        double n = r.noise(c);
        return Double.isNaN(n) ? v : v + " ± " + String.format(Locale.ROOT, "%.2f", n);
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String csvField(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static String tex(String s) {
        return s.replace("\\", "\\textbackslash{}").replace("&", "\\&").replace("%", "\\%").replace("_", "\\_").replace("#", "\\#");
    }
}

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
        sb.append("method,reference");
        for (String c : m.columns()) {
            sb.append(',').append(csvField(c));
        }
        sb.append('\n');
        for (ResultsRow r : m.visibleRows()) {
            sb.append(csvField(r.label())).append(',').append(r.reference());
            for (int c = 0; c < m.columns().size(); c++) {
                sb.append(',').append(number(r.value(c)));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Markdown table; the best value per column is bold, values within noise of it get "≈". */
    public static String markdown(ResultsTableModel m) {
        StringBuilder sb = new StringBuilder("| Method |");
        m.columns().forEach(c -> sb.append(' ').append(c).append(" |"));
        sb.append("\n|---|");
        m.columns().forEach(c -> sb.append("---:|"));
        sb.append('\n');
        for (ResultsRow r : m.visibleRows()) {
            sb.append("| ").append(r.label().replace("|", "\\|")).append(" |");
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
        StringBuilder sb = new StringBuilder("\\begin{tabular}{l" + "r".repeat(cols.size()) + "}\n\\toprule\nMethod");
        cols.forEach(c -> sb.append(" & ").append(tex(c)));
        sb.append(" \\\\\n\\midrule\n");
        for (ResultsRow r : m.visibleRows()) {
            sb.append(tex(r.label()));
            for (int c = 0; c < cols.size(); c++) {
                String v = cell(r, c);
                sb.append(" & ").append(m.mark(r, c) == CellMark.BEST ? "\\textbf{" + v + "}" : v);
            }
            sb.append(" \\\\\n");
        }
        sb.append("\\bottomrule\n\\end{tabular}\n");
        return sb.toString();
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

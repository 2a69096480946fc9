package dev.rankadaptor.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders an {@link EvalReport} as text: a per-task detail table (every metric with its standard
 * error and n) and the paper-style one-row summary (reported metric per task, in percent, and
 * the average). Markdown for files and issues, aligned plain text for terminals.
 */
public final class EvalTableFormatter {
    private EvalTableFormatter() {
    }

    /** Detail table in Markdown. */
    public static String markdown(EvalReport report) {
        return render(detailRows(report), true);
    }

    /** Detail table as aligned plain text. */
    public static String plainText(EvalReport report) {
        return render(detailRows(report), false);
    }

    /** One-row summary like the paper's tables, in Markdown: reported metric per task and the average. */
    public static String paperRowMarkdown(String rowLabel, EvalReport report) {
        return render(paperRows(rowLabel, report), true);
    }

    /** One-row summary as aligned plain text. */
    public static String paperRowPlainText(String rowLabel, EvalReport report) {
        return render(paperRows(rowLabel, report), false);
    }

    private static List<List<String>> detailRows(EvalReport report) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Task", "Metric", "Value (%)", "Stderr (%)", "n", "Reported"));
        for (TaskResult t : report.tasks()) {
            for (MetricValue m : t.metrics()) {
                rows.add(List.of(t.task().displayName(), m.metric().id(), pct(m.value()),
                        m.stderr() == null ? "-" : pct(m.stderr()),
                        t.n() == t.available() ? Integer.toString(t.n()) : t.n() + "/" + t.available(),
                        m.metric() == t.task().reportedMetric() ? "*" : ""));
            }
        }
        rows.add(List.of("Average", "reported", pct(report.average()), "", "", ""));
        return rows;
    }

    private static List<List<String>> paperRows(String rowLabel, EvalReport report) {
        List<String> head = new ArrayList<>();
        List<String> row = new ArrayList<>();
        head.add("Method");
        row.add(rowLabel);
        for (TaskResult t : report.tasks()) {
            head.add(t.task().displayName());
            row.add(pct(t.reported().value()));
        }
        head.add("Average");
        row.add(pct(report.average()));
        return List.of(head, row);
    }

    static String pct(double fraction) {
        return String.format(Locale.ROOT, "%.2f", fraction * 100);
    }

    private static String render(List<List<String>> rows, boolean markdown) {
        int cols = rows.get(0).size();
        int[] width = new int[cols];
        for (List<String> r : rows) {
            for (int c = 0; c < cols; c++) {
                width[c] = Math.max(width[c], r.get(c).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            appendRow(sb, rows.get(i), width, markdown);
            if (i == 0) {
                List<String> sep = new ArrayList<>();
                for (int c = 0; c < cols; c++) {
                    sep.add("-".repeat(Math.max(3, width[c])));
                }
                appendRow(sb, sep, width, markdown);
            }
        }
        return sb.toString();
    }

    private static void appendRow(StringBuilder sb, List<String> cells, int[] width, boolean markdown) {
        if (markdown) {
            sb.append('|');
        }
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            String padded = cell + " ".repeat(Math.max(0, width[c] - cell.length()));
            if (markdown) {
                sb.append(' ').append(padded).append(" |");
            } else {
                sb.append(c == 0 ? "" : "  ").append(padded);
            }
        }
        if (!markdown) {
            while (sb.length() > 0 && sb.charAt(sb.length() - 1) == ' ') {
                sb.setLength(sb.length() - 1);
            }
        }
        sb.append('\n');
    }
}

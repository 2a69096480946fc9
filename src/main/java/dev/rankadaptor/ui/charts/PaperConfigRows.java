package dev.rankadaptor.ui.charts;

import dev.rankadaptor.reference.RankConfigRow;
import dev.rankadaptor.reference.RankConfigTable;

import java.util.ArrayList;
import java.util.List;

/**
 * Which of the paper's Table 10 rows go below our methods in the final-configurations heatmap,
 * and how they are labelled: rows of the chosen pruning rate that are full rank vectors for the
 * paper's model ("paper 20% BoolQ"), a row with a non-candidate rank marked "(!)" as the Results
 * panel does, a row of the wrong length left out with a note, never padded or corrected.
 *
 * @param labels row labels, in table order
 * @param ranks  the rows' ranks (layer 0 first)
 * @param notes  one line per flagged or left-out row
 */
public record PaperConfigRows(List<String> labels, List<int[]> ranks, List<String> notes) {
    /** The options of the heatmap's picker, in order; "none" shows only our methods. */
    public static final List<String> OPTIONS = List.of("none", "20%", "25%", "30%", "50%", "all rates");
    public static final String NONE = "none";
    public static final String ALL = "all rates";

    public PaperConfigRows {
        labels = List.copyOf(labels);
        ranks = List.copyOf(ranks);
        notes = List.copyOf(notes);
    }

    /** The rows of one option ("none", "20%", ..., "all rates") of {@code table}. */
    public static PaperConfigRows select(RankConfigTable table, String option) {
        List<String> labels = new ArrayList<>();
        List<int[]> ranks = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (option == null || option.equals(NONE)) {
            return new PaperConfigRows(labels, ranks, notes);
        }
        Integer percent = option.equals(ALL) ? null : parsePercent(option);
        for (RankConfigRow r : table.rows()) {
            if (percent != null && r.ratioPercent() != percent) {
                continue;
            }
            List<String> problems = r.problems(table.layerCount(), table.candidateRanks());
            String label = "paper " + r.label();
            if (r.ranks().size() != table.layerCount()) {
                notes.add(label + ": " + String.join("; ", problems) + " (not drawn)");
                continue;
            }
            if (!problems.isEmpty()) {
                notes.add(label + ": " + String.join("; ", problems) + " (drawn as printed, marked (!))");
                label += " (!)";
            }
            labels.add(label);
            ranks.add(r.ranks().stream().mapToInt(Integer::intValue).toArray());
        }
        return new PaperConfigRows(labels, ranks, notes);
    }

    private static int parsePercent(String option) {
        try {
            return Integer.parseInt(option.replace("%", "").trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("unknown Table 10 option '" + option + "', expected one of " + OPTIONS);
        }
    }

    public boolean isEmpty() {
        return labels.isEmpty();
    }
}

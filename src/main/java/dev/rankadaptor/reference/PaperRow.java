package dev.rankadaptor.reference;

import dev.rankadaptor.common.Check;
import dev.rankadaptor.common.InvalidFieldException;

import java.util.List;

/**
 * One printed row of a paper results table: the scores of one recovery method at one pruning
 * setting, in the order of {@link PaperTables#tasks()}. Kept exactly as printed; {@code pruner}
 * and {@code ratioPercent} are null where the paper does not print them legibly (see {@code note}).
 *
 * @param pruner       pruning method as labelled in the table, or null when not printed
 * @param ratioPercent global pruning rate in percent, or null when not printed legibly
 * @param method       recovery method ("AdaLoRA", "LoRA", "RankAdaptor", "w/o tuning")
 * @param scores       per-task accuracy in percent, one per task
 * @param avg          the printed "Avg" column (not recomputed)
 * @param sourceLine   line of the row in the paper's text extraction, for checking by hand
 * @param note         why a field is missing or odd, or null
 */
public record PaperRow(String pruner, Integer ratioPercent, String method, List<Double> scores,
                       Double avg, int sourceLine, String note) {

    public PaperRow {
        Check.notNull("method", method);
        Check.notNull("scores", scores);
        if (ratioPercent != null) {
            Check.inRange("ratioPercent", ratioPercent, 1, 99);
        }
        for (int i = 0; i < scores.size(); i++) {
            Double s = scores.get(i);
            if (s == null) {
                throw new InvalidFieldException("scores[" + i + "]", "must be a number in [0, 100], was null");
            }
            Check.inRange("scores[" + i + "]", s, 0.0, 100.0);
        }
        if (avg != null) {
            Check.inRange("avg", avg, 0.0, 100.0);
        }
        scores = List.copyOf(scores);
    }

    /** Mean of the printed task scores, to compare with the printed {@link #avg()}. */
    public double meanOfScores() {
        return scores.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /** Short label for tables: "LLM-Pruner 20% LoRA", with "?" for unprinted parts. */
    public String label() {
        String rate = ratioPercent == null ? "?%" : ratioPercent + "%";
        return (pruner == null ? "?" : pruner) + " " + rate + " " + method;
    }
}

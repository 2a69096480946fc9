package dev.rankadaptor.reference;

import dev.rankadaptor.common.Check;
import dev.rankadaptor.common.InvalidFieldException;

import java.util.ArrayList;
import java.util.List;

/**
 * One printed row of Table 10: the per-layer ranks RankAdaptor found for one pruning rate and
 * task. Kept as printed, including the paper's typos; {@link #problems} says what is wrong with it.
 *
 * @param printedIssue the file's human note on why this row is malformed, or null if it is not
 */
public record RankConfigRow(int ratioPercent, String task, List<Integer> ranks, int sourceLine, String printedIssue) {

    public RankConfigRow {
        Check.inRange("ratioPercent", ratioPercent, 1, 99);
        Check.notNull("task", task);
        Check.notNull("ranks", ranks);
        if (ranks.isEmpty() || ranks.contains(null)) {
            throw new InvalidFieldException("ranks", "must be a non-empty list of integers");
        }
        ranks = List.copyOf(ranks);
    }

    /** What makes this row unusable as a rank vector for a model with {@code layerCount} layers. */
    public List<String> problems(int layerCount, List<Integer> candidateRanks) {
        List<String> out = new ArrayList<>();
        if (ranks.size() != layerCount) {
            out.add(ranks.size() + " entries, expected " + layerCount);
        }
        for (int i = 0; i < ranks.size(); i++) {
            if (!candidateRanks.contains(ranks.get(i))) {
                out.add("rank " + ranks.get(i) + " at layer " + (i + 1) + " is not a candidate " + candidateRanks);
            }
        }
        return out;
    }

    public String label() {
        return ratioPercent + "% " + task;
    }
}

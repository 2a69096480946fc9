package dev.rankadaptor.reference;

import dev.rankadaptor.common.Check;
import dev.rankadaptor.common.InvalidFieldException;

import java.util.List;

/**
 * The content of {@code rank-configs.json}: the paper's Table 10 (per-layer LoRA ranks found by
 * RankAdaptor for LLaMA-7B), as printed. The paper has malformed rows; they are kept and must be
 * annotated with {@code printedIssue}, and validation refuses a file whose annotations disagree
 * with what the data shows, so a row is never silently "fixed" or silently used.
 */
public record RankConfigTable(int schemaVersion, String table, String caption, String model, String pruner,
                              int layerCount, List<Integer> protectedLayers, int baseRank,
                              List<Integer> candidateRanks, String source, String notes, List<RankConfigRow> rows) {

    public RankConfigTable {
        PaperReference.checkSchema(schemaVersion);
        Check.positive("layerCount", layerCount);
        Check.positive("baseRank", baseRank);
        Check.notNull("candidateRanks", candidateRanks);
        Check.notNull("rows", rows);
        protectedLayers = protectedLayers == null ? List.of() : List.copyOf(protectedLayers);
        for (int p : protectedLayers) {
            Check.inRange("protectedLayers", p, 0, layerCount - 1);
        }
        candidateRanks = List.copyOf(candidateRanks);
        rows = List.copyOf(rows);
        for (RankConfigRow r : rows) {
            boolean malformed = !r.problems(layerCount, candidateRanks).isEmpty();
            boolean annotated = r.printedIssue() != null && !r.printedIssue().isBlank();
            if (malformed != annotated) {
                throw new InvalidFieldException("rows[" + r.label() + "].printedIssue",
                        malformed ? "is required: the row is malformed (" + String.join("; ", r.problems(layerCount, candidateRanks)) + ")"
                                : "must be absent: the row has " + layerCount + " valid ranks");
            }
        }
    }

    /** Rows that cannot be used as a rank vector as printed (wrong length or a non-candidate rank). */
    public List<RankConfigRow> malformedRows() {
        return rows.stream().filter(r -> !r.problems(layerCount, candidateRanks).isEmpty()).toList();
    }

    /** Rows that are valid rank vectors for {@link #layerCount()} layers. */
    public List<RankConfigRow> wellFormedRows() {
        return rows.stream().filter(r -> r.problems(layerCount, candidateRanks).isEmpty()).toList();
    }
}

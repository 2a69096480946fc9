package dev.rankadaptor.experiment;

import dev.rankadaptor.eval.Subset;

import java.util.List;

/**
 * Which items of each task are evaluated: the file form of {@link Subset}. Search trials use a
 * fixed subset (same items for every trial, so their scores are comparable); final numbers use all.
 *
 * @param mode  "all", "first" or "random"
 * @param count items for first / random (&gt;= 1); ignored and stored as 0 for "all"
 * @param seed  seed of the random draw (the same items for every trial)
 */
public record SubsetSection(String mode, int count, long seed) {
    public static final List<String> MODES = List.of("all", "first", "random");

    /** Validates with field names under {@code path} (e.g. "evaluation.search_subset"). */
    static SubsetSection validated(String path, SubsetSection s) {
        if (s == null) {
            throw new dev.rankadaptor.common.InvalidFieldException(path, "is required");
        }
        String mode = Fields.oneOf(path + ".mode", s.mode, MODES);
        if (mode.equals("all")) {
            return new SubsetSection(mode, 0, s.seed);
        }
        Fields.atLeast(path + ".count", s.count, 1);
        return new SubsetSection(mode, s.count, s.seed);
    }

    public static SubsetSection all() {
        return new SubsetSection("all", 0, 0);
    }

    public static SubsetSection first(int n) {
        return new SubsetSection("first", n, 0);
    }

    public static SubsetSection random(int n, long seed) {
        return new SubsetSection("random", n, seed);
    }

    /** The evaluator's subset. */
    public Subset toSubset() {
        return switch (mode) {
            case "first" -> Subset.first(count);
            case "random" -> Subset.random(count, seed);
            default -> Subset.all();
        };
    }
}

package dev.rankadaptor.eval;

import dev.rankadaptor.common.Check;
import dev.rankadaptor.common.InvalidFieldException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Which items of a task to evaluate: all (final numbers), the first N, or N drawn at random with
 * a seed (a search trial's quick estimate). Random draws are reproducible for a given seed and
 * task size, and keep the file order of the chosen items.
 *
 * @param mode  ALL, FIRST or RANDOM
 * @param count how many items for FIRST / RANDOM (0 for ALL); more than the task has means all
 * @param seed  seed of the RANDOM draw (ignored otherwise)
 */
public record Subset(Mode mode, int count, long seed) {
    public enum Mode { ALL, FIRST, RANDOM }

    public Subset {
        Check.notNull("mode", mode);
        if (mode == Mode.ALL) {
            if (count != 0) {
                throw new InvalidFieldException("count", "must be 0 when every item is evaluated, was " + count);
            }
        } else {
            Check.positive("count", count);
        }
    }

    public static Subset all() {
        return new Subset(Mode.ALL, 0, 0);
    }

    public static Subset first(int n) {
        return new Subset(Mode.FIRST, n, 0);
    }

    public static Subset random(int n, long seed) {
        return new Subset(Mode.RANDOM, n, seed);
    }

    /** Indices (ascending) of the chosen items out of {@code total}. */
    public int[] indices(int total) {
        Check.nonNegative("total", total);
        int n = mode == Mode.ALL ? total : Math.min(count, total);
        if (mode != Mode.RANDOM || n == total) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] perm = new int[total];
        for (int i = 0; i < total; i++) {
            perm[i] = i;
        }
        Random rnd = new Random(seed);
        for (int i = 0; i < n; i++) {
            int j = i + rnd.nextInt(total - i);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int[] chosen = Arrays.copyOf(perm, n);
        Arrays.sort(chosen);
        return chosen;
    }

    /** The chosen items, in their original order. */
    public <T> List<T> apply(List<T> items) {
        int[] idx = indices(items.size());
        List<T> out = new ArrayList<>(idx.length);
        for (int i : idx) {
            out.add(items.get(i));
        }
        return out;
    }

    /** Short human description, e.g. "all", "first 200", "random 200 (seed 7)". */
    public String describe() {
        return switch (mode) {
            case ALL -> "all";
            case FIRST -> "first " + count;
            case RANDOM -> "random " + count + " (seed " + seed + ")";
        };
    }
}

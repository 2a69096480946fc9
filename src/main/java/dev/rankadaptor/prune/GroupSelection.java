package dev.rankadaptor.prune;

import dev.rankadaptor.common.InvalidFieldException;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The kv-head groups and MLP channels one layer keeps, as ascending indices (keeping the original
 * order makes the pruned layer compute exactly what the full layer computes with the removed
 * groups masked out).
 */
public record GroupSelection(int[] keptHeadGroups, int[] keptChannels) {

    public GroupSelection {
        keptHeadGroups = sortedDistinct("kept head groups", keptHeadGroups);
        keptChannels = sortedDistinct("kept channels", keptChannels);
    }

    /** Keeps the {@code heads}/{@code channels} highest-scored groups (ties: lower index kept). */
    public static GroupSelection keepHighest(LayerImportance scores, int headGroups, int channels) {
        return new GroupSelection(top(scores.headGroups(), headGroups), top(scores.channels(), channels));
    }

    /** Indices in [0, n) that are not kept, ascending. */
    public static int[] removed(int[] kept, int n) {
        boolean[] k = new boolean[n];
        for (int i : kept) {
            k[i] = true;
        }
        return IntStream.range(0, n).filter(i -> !k[i]).toArray();
    }

    static int[] top(double[] scores, int keep) {
        Integer[] idx = new Integer[scores.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> i));
        int[] out = new int[keep];
        for (int i = 0; i < keep; i++) {
            out[i] = idx[i];
        }
        Arrays.sort(out);
        return out;
    }

    private static int[] sortedDistinct(String field, int[] a) {
        int[] s = a.clone();
        Arrays.sort(s);
        if (s.length == 0) {
            throw new InvalidFieldException(field, "at least one must be kept");
        }
        for (int i = 1; i < s.length; i++) {
            if (s[i] == s[i - 1]) {
                throw new InvalidFieldException(field, "index " + s[i] + " appears twice");
            }
        }
        if (s[0] < 0) {
            throw new InvalidFieldException(field, "indices must be >= 0, was " + s[0]);
        }
        return s;
    }
}

package dev.rankadaptor.search;

import java.util.Arrays;

/** A rank vector as a hash key (by content), for the search loops' sets of measured configurations. */
record RankKey(int[] ranks) {
    @Override
    public boolean equals(Object o) {
        return o instanceof RankKey k && Arrays.equals(k.ranks, ranks);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ranks);
    }
}

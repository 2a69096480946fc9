package dev.rankadaptor.search;

import dev.rankadaptor.common.InvalidFieldException;

import java.math.BigInteger;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * The search space: one rank per prunable layer, each drawn from the same candidate set.
 * The space has n^L points (11^26 with the defaults), so it is never enumerated: candidates are
 * sampled lazily and uniformly with a caller-supplied seeded stream. Ranks are scaled to [0, 1]
 * by min-max over the candidate set before they reach the performance model, so the model's
 * inputs do not depend on whether the user picked {2..12} or {2,4,..,12}.
 *
 * @param layers         number of prunable layers L (protected layers keep the base rank and are not part of the vector)
 * @param candidateRanks the allowed ranks per layer, strictly increasing, each in [1, 4096]
 */
public record RankSpace(int layers, List<Integer> candidateRanks) {
    /** The default candidate set {2, 3, ..., 12} (paper App. D.1 style; Sec. 4.1 used {2,4,...,12}). */
    public static final List<Integer> DEFAULT_CANDIDATES = List.of(2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
    /** The paper's Sec. 4.1 candidate set. */
    public static final List<Integer> PAPER_CANDIDATES = List.of(2, 4, 6, 8, 10, 12);

    public RankSpace {
        if (layers < 1 || layers > 1024) {
            throw new InvalidFieldException("layers", "must be in [1, 1024], was " + layers);
        }
        if (candidateRanks == null || candidateRanks.isEmpty()) {
            throw new InvalidFieldException("candidateRanks", "needs at least one rank");
        }
        TreeSet<Integer> seen = new TreeSet<>();
        for (Integer r : candidateRanks) {
            if (r == null || r < 1 || r > 4096) {
                throw new InvalidFieldException("candidateRanks", "each rank must be in [1, 4096], was " + r);
            }
            if (!seen.add(r)) {
                throw new InvalidFieldException("candidateRanks", "rank " + r + " is listed twice");
            }
        }
        candidateRanks = List.copyOf(seen);
    }

    public static RankSpace of(int layers) {
        return new RankSpace(layers, DEFAULT_CANDIDATES);
    }

    public int minRank() {
        return candidateRanks.get(0);
    }

    public int maxRank() {
        return candidateRanks.get(candidateRanks.size() - 1);
    }

    /** Number of rank vectors, n^L, exactly. */
    public BigInteger size() {
        return BigInteger.valueOf(candidateRanks.size()).pow(layers);
    }

    /** log10 of {@link #size()}, for display ("10^27.1 configurations"). */
    public double log10Size() {
        return layers * Math.log10(candidateRanks.size());
    }

    /** Draws one rank vector uniformly. */
    public int[] sample(SplittableRandom random) {
        int n = candidateRanks.size();
        int[] ranks = new int[layers];
        for (int i = 0; i < layers; i++) {
            ranks[i] = candidateRanks.get(random.nextInt(n));
        }
        return ranks;
    }

    /**
     * Draws {@code count} rank vectors uniformly, row-major into one flat array (count x L),
     * the layout the performance model predicts from.
     */
    public int[] sampleFlat(SplittableRandom random, int count) {
        int n = candidateRanks.size();
        int[] table = candidateRanks.stream().mapToInt(Integer::intValue).toArray();
        int[] flat = new int[count * layers];
        for (int i = 0; i < flat.length; i++) {
            flat[i] = table[random.nextInt(n)];
        }
        return flat;
    }

    /** True when the vector has L entries, each in the candidate set. */
    public boolean contains(int[] ranks) {
        if (ranks == null || ranks.length != layers) {
            return false;
        }
        for (int r : ranks) {
            if (!candidateRanks.contains(r)) {
                return false;
            }
        }
        return true;
    }

    /** Throws naming the field when the vector is not in this space. */
    public int[] require(String field, int[] ranks) {
        if (!contains(ranks)) {
            throw new InvalidFieldException(field, "must have " + layers + " ranks, each one of " + candidateRanks
                    + ", was " + (ranks == null ? "null" : java.util.Arrays.toString(ranks)));
        }
        return ranks;
    }

    /** Min-max scaling of one rank to [0, 1] over the candidate set (0.5 when there is a single candidate). */
    public float scale(int rank) {
        int lo = minRank();
        int hi = maxRank();
        return hi == lo ? 0.5f : (float) (rank - lo) / (hi - lo);
    }

    /** Scales a flat array of ranks (any number of rows). */
    public float[] scaleFlat(int[] flat) {
        int lo = minRank();
        int hi = maxRank();
        float[] out = new float[flat.length];
        if (hi == lo) {
            java.util.Arrays.fill(out, 0.5f);
            return out;
        }
        float inv = 1f / (hi - lo);
        for (int i = 0; i < flat.length; i++) {
            out[i] = (flat[i] - lo) * inv;
        }
        return out;
    }
}

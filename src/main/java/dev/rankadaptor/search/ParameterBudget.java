package dev.rankadaptor.search;

import dev.rankadaptor.common.InvalidFieldException;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A cap on the trainable parameters of a rank configuration, the way the paper keeps RankAdaptor "at the
 * same level" as uniform LoRA: the cost of a vector is {@code fixed + sum_i perRank[i] * ranks[i]}, where
 * {@code perRank[i]} is what one unit of rank costs in prunable layer i (for LoRA: the sum over adapted
 * projections of in + out width) and {@code fixed} is the cost of the layers outside the search space.
 * The package knows nothing about LLMs: the caller computes the costs from the pruned model's widths.
 *
 * <p>Sampling is rejection sampling from the uniform draw (so within a loose budget the distribution is
 * the uniform one restricted to the feasible set); after {@value #TRIES} rejected draws the last draw is
 * repaired by lowering the ranks of randomly chosen layers one candidate step until it fits, so a tight
 * budget still yields candidates. Every draw consumes only the given stream: deterministic per seed.
 *
 * @param perRank cost of one rank unit per prunable layer (&gt;= 0)
 * @param fixed   cost that does not depend on the searched ranks (&gt;= 0)
 * @param limit   the largest allowed total cost; {@link Long#MAX_VALUE} = no budget
 */
public record ParameterBudget(long[] perRank, long fixed, long limit) {
    static final int TRIES = 64;

    public ParameterBudget {
        if (perRank == null || perRank.length == 0) {
            throw new InvalidFieldException("perRank", "needs one cost per layer");
        }
        perRank = perRank.clone();
        for (long c : perRank) {
            if (c < 0) {
                throw new InvalidFieldException("perRank", "costs must be >= 0, was " + c);
            }
        }
        if (fixed < 0 || limit < 0) {
            throw new InvalidFieldException("limit", "fixed cost and limit must be >= 0, were " + fixed + " and " + limit);
        }
    }

    /** No budget over {@code layers} layers (every vector fits). */
    public static ParameterBudget unlimited(int layers) {
        long[] zero = new long[layers];
        return new ParameterBudget(zero, 0, Long.MAX_VALUE);
    }

    @Override
    public long[] perRank() {
        return perRank.clone();
    }

    public boolean isUnlimited() {
        return limit == Long.MAX_VALUE;
    }

    /** Total cost of a rank vector of the prunable layers. */
    public long cost(int[] ranks) {
        if (ranks.length != perRank.length) {
            throw new InvalidFieldException("ranks", "must have " + perRank.length + " entries, had " + ranks.length);
        }
        long c = fixed;
        for (int i = 0; i < ranks.length; i++) {
            c += perRank[i] * ranks[i];
        }
        return c;
    }

    public boolean fits(int[] ranks) {
        return isUnlimited() || cost(ranks) <= limit;
    }

    /** Throws naming {@code field} when not even the smallest rank everywhere fits. */
    public void requireFeasible(RankSpace space, String field) {
        if (perRank.length != space.layers()) {
            throw new InvalidFieldException(field, "budget has " + perRank.length + " layers, the space " + space.layers());
        }
        int[] min = new int[space.layers()];
        Arrays.fill(min, space.minRank());
        if (!fits(min)) {
            throw new InvalidFieldException(field, "allows " + limit + " trainable parameters, but the smallest configuration (rank "
                    + space.minRank() + " everywhere) needs " + cost(min));
        }
    }

    /** One vector drawn uniformly among those within budget (see the class comment for tight budgets). */
    public int[] sample(RankSpace space, SplittableRandom random) {
        int[] v = space.sample(random);
        if (isUnlimited()) {
            return v;
        }
        for (int t = 1; t < TRIES && !fits(v); t++) {
            v = space.sample(random);
        }
        return fits(v) ? v : repair(space, v, random);
    }

    /** {@code count} vectors within budget, row-major (count x L) like {@link RankSpace#sampleFlat}. */
    public int[] sampleFlat(RankSpace space, SplittableRandom random, int count) {
        if (isUnlimited()) {
            return space.sampleFlat(random, count);
        }
        int l = space.layers();
        int[] flat = new int[count * l];
        for (int i = 0; i < count; i++) {
            System.arraycopy(sample(space, random), 0, flat, i * l, l);
        }
        return flat;
    }

    private int[] repair(RankSpace space, int[] v, SplittableRandom random) {
        requireFeasible(space, "parameterBudget");
        int[] out = v.clone();
        var ranks = space.candidateRanks();
        while (!fits(out)) {
            int i = random.nextInt(out.length);
            int pos = ranks.indexOf(out[i]);
            if (pos > 0 && perRank[i] > 0) {
                out[i] = ranks.get(pos - 1);
            } else {
                int lowerable = -1;
                for (int j = 0; j < out.length && lowerable < 0; j++) {
                    if (ranks.indexOf(out[j]) > 0 && perRank[j] > 0) {
                        lowerable = j;
                    }
                }
                out[lowerable] = ranks.get(ranks.indexOf(out[lowerable]) - 1);
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParameterBudget b && Arrays.equals(b.perRank, perRank) && b.fixed == fixed && b.limit == limit;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(perRank) * 31 + Long.hashCode(limit);
    }

    @Override
    public String toString() {
        return "ParameterBudget[limit=" + (isUnlimited() ? "none" : limit) + ", fixed=" + fixed + "]";
    }
}

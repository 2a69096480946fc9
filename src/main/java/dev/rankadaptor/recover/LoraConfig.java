package dev.rankadaptor.recover;

import dev.rankadaptor.common.Check;
import dev.rankadaptor.common.InvalidFieldException;
import dev.rankadaptor.model.Projection;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * What LoRA adapters to attach: the target projections, one rank per decoder layer over ALL
 * layers (0 = no adapter on that layer), the alpha rule, dropout on the adapter input and the
 * seed of the initialisation. RankAdaptor searches ranks for the prunable layers only;
 * {@link PrunableLayers#toFull} fills in the protected layers with the base rank.
 */
public record LoraConfig(Set<Projection> targets, int[] ranks, AlphaRule alphaRule, double alpha, double dropout,
                         long seed) {
    public static final int MAX_RANK = 4096;

    public LoraConfig {
        Check.notNull("target_modules", targets);
        if (targets.isEmpty()) {
            throw new InvalidFieldException("target_modules", "at least one of q,k,v,o,gate,up,down is required");
        }
        targets = java.util.Collections.unmodifiableSet(EnumSet.copyOf(targets));
        Check.notNull("ranks", ranks);
        if (ranks.length == 0) {
            throw new InvalidFieldException("ranks", "one rank per decoder layer is required, got none");
        }
        ranks = ranks.clone();
        boolean any = false;
        for (int i = 0; i < ranks.length; i++) {
            Check.inRange("ranks[" + i + "]", ranks[i], 0, MAX_RANK);
            any |= ranks[i] > 0;
        }
        if (!any) {
            throw new InvalidFieldException("ranks", "at least one layer needs a rank > 0, were " + Arrays.toString(ranks));
        }
        Check.notNull("alpha_rule", alphaRule);
        Check.positive("lora_alpha", alpha);
        Check.inRange("lora_dropout", dropout, 0.0, 0.9);
    }

    /** The LLM-Pruner recipe targets: every projection of the layer. */
    public static Set<Projection> allTargets() {
        return EnumSet.allOf(Projection.class);
    }

    /** Rank r on every one of n layers, alpha 2r (scale 2), dropout 0.05: the LLM-Pruner recipe for r 8. */
    public static LoraConfig uniform(int layers, int r, long seed) {
        int[] ranks = new int[layers];
        Arrays.fill(ranks, r);
        return new LoraConfig(allTargets(), ranks, AlphaRule.ALPHA_2R, 2.0 * r, 0.05, seed);
    }

    /** Same adapters with another rank vector (a search trial). */
    public LoraConfig withRanks(int[] newRanks) {
        return new LoraConfig(targets, newRanks, alphaRule, alpha, dropout, seed);
    }

    @Override
    public int[] ranks() {
        return ranks.clone();
    }

    public int rank(int layer) {
        return ranks[layer];
    }

    public int numLayers() {
        return ranks.length;
    }

    /** Scale of B A for a module of rank r under this config's alpha rule. */
    public double scale(int r) {
        return alphaRule.scale(alpha, r);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LoraConfig c && targets.equals(c.targets) && Arrays.equals(ranks, c.ranks)
                && alphaRule == c.alphaRule && alpha == c.alpha && dropout == c.dropout && seed == c.seed;
    }

    @Override
    public int hashCode() {
        return 31 * targets.hashCode() + Arrays.hashCode(ranks);
    }

    @Override
    public String toString() {
        return "LoraConfig[targets=" + targets + ", ranks=" + Arrays.toString(ranks) + ", alphaRule=" + alphaRule
                + ", alpha=" + alpha + ", dropout=" + dropout + ", seed=" + seed + "]";
    }
}

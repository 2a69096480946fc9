package dev.rankadaptor.prune;

import dev.rankadaptor.checkpoint.LayerLayout;

/**
 * One decoder layer in a {@link PruningPlan}: its widths before and after, its parameters, and
 * whether it is protected (kept as is) or removed entirely (depth pruning). {@code after} is null
 * for a removed block.
 */
public record LayerPlan(int index, boolean isProtected, LayerLayout.Layer before, LayerLayout.Layer after,
                        long paramsBefore, long paramsAfter) {

    public boolean removed() {
        return after == null;
    }

    /** True when block pruning narrows this layer. */
    public boolean narrowed() {
        return after != null && !after.equals(before);
    }
}

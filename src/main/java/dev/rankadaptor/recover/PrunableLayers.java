package dev.rankadaptor.recover;

import dev.rankadaptor.common.InvalidFieldException;

import java.util.Arrays;

/**
 * Which model layers the rank search covers: the search works on one rank per pruned ("searched")
 * layer, while training, the journal and the charts need one rank per model layer. This value is
 * the one mapping between the two numberings: {@link #toFull} puts a searched-layer vector into
 * model-layer numbering (every protected layer gets {@code baseRank}), {@link #toLocal} takes the
 * searched layers' entries back out.
 *
 * @param indices    the searched layers in model-layer numbering, strictly ascending, each in [0, layerCount)
 * @param baseRank   the rank of the layers that are not searched (the recovery section's base rank)
 * @param layerCount the model's number of layers
 */
public record PrunableLayers(int[] indices, int baseRank, int layerCount) {
    public PrunableLayers {
        if (layerCount < 1) {
            throw new InvalidFieldException("layer_count", "must be >= 1, was " + layerCount);
        }
        if (baseRank < 1) {
            throw new InvalidFieldException("base_rank", "must be >= 1, was " + baseRank);
        }
        if (indices == null) {
            throw new InvalidFieldException("prunable_layers", "is required");
        }
        indices = indices.clone();
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= layerCount) {
                throw new InvalidFieldException("prunable_layers", "layer " + indices[i] + " outside [0, " + (layerCount - 1) + "]");
            }
            if (i > 0 && indices[i] <= indices[i - 1]) {
                throw new InvalidFieldException("prunable_layers", "must be strictly ascending, got "
                        + Arrays.toString(indices));
            }
        }
    }

    @Override
    public int[] indices() {
        return indices.clone();
    }

    /** Number of searched layers (the length of a search-space rank vector). */
    public int size() {
        return indices.length;
    }

    /** A searched-layer rank vector as one rank per model layer; layers not searched get the base rank. */
    public int[] toFull(int[] local) {
        requireLength("ranks", local.length, indices.length, "one per searched layer");
        int[] full = new int[layerCount];
        Arrays.fill(full, baseRank);
        for (int i = 0; i < indices.length; i++) {
            full[indices[i]] = local[i];
        }
        return full;
    }

    /** Per-searched-layer values (e.g. rank importance) per model layer; layers not searched get {@code fill}. */
    public double[] toFull(double[] local, double fill) {
        requireLength("values", local.length, indices.length, "one per searched layer");
        double[] full = new double[layerCount];
        Arrays.fill(full, fill);
        for (int i = 0; i < indices.length; i++) {
            full[indices[i]] = local[i];
        }
        return full;
    }

    /** The searched layers' entries of a per-model-layer rank vector. */
    public int[] toLocal(int[] full) {
        requireLength("ranks", full.length, layerCount, "one per model layer");
        int[] local = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            local[i] = full[indices[i]];
        }
        return local;
    }

    /** The searched layers' entries of a per-model-layer vector of counts (e.g. parameters per unit of rank). */
    public long[] toLocal(long[] full) {
        requireLength("values", full.length, layerCount, "one per model layer");
        long[] local = new long[indices.length];
        for (int i = 0; i < indices.length; i++) {
            local[i] = full[indices[i]];
        }
        return local;
    }

    private static void requireLength(String field, int got, int expected, String what) {
        if (got != expected) {
            throw new InvalidFieldException(field, "expected " + expected + " (" + what + "), got " + got);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PrunableLayers p && Arrays.equals(indices, p.indices) && baseRank == p.baseRank
                && layerCount == p.layerCount;
    }

    @Override
    public int hashCode() {
        return (Arrays.hashCode(indices) * 31 + baseRank) * 31 + layerCount;
    }

    @Override
    public String toString() {
        return "PrunableLayers" + Arrays.toString(indices) + " of " + layerCount + ", base rank " + baseRank;
    }
}

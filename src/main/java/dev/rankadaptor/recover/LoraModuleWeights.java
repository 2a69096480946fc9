package dev.rankadaptor.recover;

import dev.rankadaptor.model.Projection;

/**
 * The trained low-rank update of one module in plain LoRA form, delta W = scale * B A with
 * A [rank, in] and B [out, rank] row-major: what PEFT export and merging need, whichever method
 * (LoRA, or AdaLoRA reduced to its kept singular triplets) produced it.
 */
public record LoraModuleWeights(int layer, Projection projection, int rank, int in, int out, float[] a, float[] b,
                                double scale) {
    public LoraModuleWeights {
        if (rank <= 0 || a.length != rank * in || b.length != out * rank) {
            throw new IllegalArgumentException("inconsistent LoRA weights for " + projection.moduleName(layer) + ": rank "
                    + rank + ", A " + a.length + " values, B " + b.length + " values");
        }
    }

    public String moduleName() {
        return projection.moduleName(layer);
    }
}

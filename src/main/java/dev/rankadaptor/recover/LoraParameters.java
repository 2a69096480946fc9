package dev.rankadaptor.recover;

import dev.rankadaptor.checkpoint.LayerLayout;
import dev.rankadaptor.checkpoint.LlamaConfig;
import dev.rankadaptor.common.InvalidFieldException;
import dev.rankadaptor.model.Projection;

import java.util.Set;

/**
 * Trainable LoRA parameters of a rank configuration on a (pruned) model's real per-layer widths: an
 * adapter of rank r on a Linear of in x out has r * (in + out) parameters (A: r x in, B: out x r), so
 * one rank unit in layer i costs the sum of (in + out) over the adapted projections of that layer.
 * Pruned layers are narrower, so the same rank costs less there than in a protected layer; that is
 * why the count is taken on the pruned widths, not on config.json's.
 */
public final class LoraParameters {
    private final long[] perRank;

    private LoraParameters(long[] perRank) {
        this.perRank = perRank;
    }

    public static LoraParameters of(LlamaConfig config, LayerLayout layout, Set<Projection> targets) {
        long h = config.hiddenSize();
        long d = config.headDim();
        long[] per = new long[layout.size()];
        for (int i = 0; i < per.length; i++) {
            LayerLayout.Layer l = layout.layer(i);
            long q = l.heads() * d;
            long kv = l.kvHeads() * d;
            long m = l.mlpWidth();
            long c = 0;
            for (Projection p : targets) {
                c += switch (p) {
                    case Q -> h + q;
                    case K, V -> h + kv;
                    case O -> q + h;
                    case GATE, UP -> h + m;
                    case DOWN -> m + h;
                };
            }
            per[i] = c;
        }
        return new LoraParameters(per);
    }

    public int layers() {
        return perRank.length;
    }

    /** Parameters one unit of rank costs in each layer. */
    public long[] perRank() {
        return perRank.clone();
    }

    /** Trainable parameters of one rank per layer (0 = no adapter on that layer). */
    public long count(int[] ranks) {
        if (ranks.length != perRank.length) {
            throw new InvalidFieldException("ranks", "must have one rank per layer (" + perRank.length + "), had " + ranks.length);
        }
        long c = 0;
        for (int i = 0; i < ranks.length; i++) {
            c += perRank[i] * ranks[i];
        }
        return c;
    }

    /** Uniform LoRA at {@code rank} on every layer: the reference of the parameter budget. */
    public long uniform(int rank) {
        long c = 0;
        for (long p : perRank) {
            c += p * rank;
        }
        return c;
    }
}

package dev.rankadaptor.recover;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.rankadaptor.checkpoint.LayerLayout;
import dev.rankadaptor.checkpoint.UniformWidths;
import dev.rankadaptor.model.Projection;

/**
 * Zero-pads one layer's weights (and LoRA factors) from its own widths to wider ones, head by head
 * as {@link UniformWidths} lays them out. Exact by construction: a padded query head has zero
 * q rows, so its attention is uniform over the values, but the o_proj columns that read it are
 * zero; a padded key/value head has zero k and v rows and only padded query heads use it; a padded
 * MLP channel has zero gate and up rows (silu(0) * 0 = 0) and zero down columns. So every padded
 * channel adds exactly 0 to the residual stream. For LoRA, lora_B gets zero rows for padded output
 * channels and lora_A zero columns for padded input channels (o_proj, down_proj), which keeps the
 * same invariants with the adapter applied.
 */
public final class WidthPadding {
    /** What the rows or columns of a projection's weight index. */
    enum Space { HIDDEN, QUERY_HEADS, KV_HEADS, MLP }

    private final LayerLayout.Layer from;
    private final LayerLayout.Layer to;
    private final int headDim;

    /**
     * @throws IllegalArgumentException when {@code to} cannot hold {@code from} (fewer kv heads, a
     *                                  smaller group or a narrower MLP)
     */
    public WidthPadding(LayerLayout.Layer from, LayerLayout.Layer to, int headDim) {
        UniformWidths target = new UniformWidths(to.kvHeads(), to.heads() / to.kvHeads(), to.mlpWidth());
        if (!target.holds(from)) {
            throw new IllegalArgumentException("a layer of " + from.heads() + "/" + from.kvHeads() + "/" + from.mlpWidth()
                    + " heads/kv heads/MLP width does not fit into " + to.heads() + "/" + to.kvHeads() + "/" + to.mlpWidth());
        }
        this.from = from;
        this.to = to;
        this.headDim = headDim;
    }

    /** The widths the layer is padded to. */
    public LayerLayout.Layer target() {
        return to;
    }

    /** True when nothing needs padding (the target is the layer's own widths). */
    public boolean identity() {
        return from.equals(to);
    }

    /** A base weight [out, in] padded to the target widths. */
    public NDArray weight(Projection p, NDArray w) {
        return pad(pad(w, 0, out(p)), 1, in(p));
    }

    /** A LoRA module of this layer with lora_B rows and lora_A columns padded; same rank and scale. */
    public LoraModuleWeights lora(LoraModuleWeights m, NDManager scratch) {
        if (identity()) {
            return m;
        }
        NDArray a = pad(scratch.create(m.a(), new Shape(m.rank(), m.in())), 1, in(m.projection()));
        NDArray b = pad(scratch.create(m.b(), new Shape(m.out(), m.rank())), 0, out(m.projection()));
        return new LoraModuleWeights(m.layer(), m.projection(), m.rank(), (int) a.getShape().get(1),
                (int) b.getShape().get(0), a.toFloatArray(), b.toFloatArray(), m.scale());
    }

    static Space out(Projection p) {
        return switch (p) {
            case Q -> Space.QUERY_HEADS;
            case K, V -> Space.KV_HEADS;
            case O, DOWN -> Space.HIDDEN;
            case GATE, UP -> Space.MLP;
        };
    }

    static Space in(Projection p) {
        return switch (p) {
            case O -> Space.QUERY_HEADS;
            case DOWN -> Space.MLP;
            default -> Space.HIDDEN;
        };
    }

    /** Pads dimension {@code axis} (0 or 1) of a matrix whose entries along it index {@code space}. */
    private NDArray pad(NDArray x, int axis, Space space) {
        long[] s = x.getShape().getShape();
        long other = s[1 - axis];
        long d = headDim;
        switch (space) {
            case HIDDEN:
                return x;
            case MLP:
                return zeros(x, axis, to.mlpWidth());
            case KV_HEADS:
                return zeros(x, axis, (long) to.kvHeads() * d);
            default:
                break;
        }
        int g = from.heads() / from.kvHeads();
        int toGroup = to.heads() / to.kvHeads();
        if (g == toGroup && from.kvHeads() == to.kvHeads()) {
            return x;
        }
        // split the head axis into (kv head, head in group, head dim), pad the group, then the kv heads
        NDArray split = axis == 0 ? x.reshape(from.kvHeads(), g, d, other) : x.reshape(other, from.kvHeads(), g, d);
        int kvAxis = axis == 0 ? 0 : 1;
        NDArray padded = zeros(zeros(split, kvAxis + 1, toGroup), kvAxis, to.kvHeads());
        long n = (long) to.heads() * d;
        return axis == 0 ? padded.reshape(n, other) : padded.reshape(other, n);
    }

    /** Appends zeros along {@code axis} up to {@code size} entries (unchanged when already that long). */
    private static NDArray zeros(NDArray x, int axis, long size) {
        long[] dims = x.getShape().getShape();
        if (dims[axis] == size) {
            return x;
        }
        dims[axis] = size - dims[axis];
        return x.concat(x.getManager().zeros(new Shape(dims), x.getDataType()), axis);
    }
}

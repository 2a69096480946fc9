package dev.rankadaptor.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import dev.rankadaptor.checkpoint.LayerLayout;
import dev.rankadaptor.checkpoint.LlamaConfig;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A LLaMA-family decoder on DJL NDArrays whose layers may each have their own widths (pruned
 * heads and MLP channels). The forward pass is written out op by op, so LoRA adapters can be
 * hooked onto any projection and gradients flow to whatever the caller marks trainable
 * (adapters for recovery, base weights for Taylor importance).
 *
 * <p>Every call runs inside a {@link ModelStep} ({@link #newStep()}); scalars used inside
 * autograd are long-lived arrays held here (DJL trap 1, docs/architecture.md).
 */
public final class LlamaModel implements AutoCloseable {
    private final LlamaConfig config;
    private final LayerLayout layout;
    private final DataType dtype;
    private final NDManager manager;
    private final NDArray embed;
    private final NDArray finalNorm;
    private final NDArray lmHead;
    private final List<LayerWeights> layers;
    private final RotaryTable rotary;
    private final NDArray epsF32;
    private final NDArray attnScaleF32;
    private final Map<String, LinearAdapter> adapters = new HashMap<>();
    private final AtomicBoolean stepOpen = new AtomicBoolean();
    private volatile DataType compute;

    LlamaModel(LlamaConfig config, LayerLayout layout, DataType dtype, NDManager manager, NDArray embed,
               NDArray finalNorm, NDArray lmHead, List<LayerWeights> layers) {
        this.config = config;
        this.layout = layout;
        this.dtype = dtype;
        this.manager = manager;
        this.embed = embed;
        this.finalNorm = finalNorm;
        this.lmHead = lmHead;
        this.layers = List.copyOf(layers);
        this.rotary = new RotaryTable(config.headDim(), config.ropeTheta());
        this.epsF32 = manager.create((float) config.rmsNormEps());
        this.attnScaleF32 = manager.create((float) (1.0 / Math.sqrt(config.headDim())));
    }

    public LlamaConfig config() {
        return config;
    }

    public LayerLayout layout() {
        return layout;
    }

    /** Compute dtype of the weights: FLOAT32 or FLOAT16. */
    public DataType dtype() {
        return dtype;
    }

    /**
     * The dtype the blocks compute in: the weights' dtype unless {@link #computeIn} chose F32 for
     * F16 weights (CPUs without fast F16 math), in which case each block is widened while it runs.
     */
    public DataType computeDtype() {
        return compute == null ? dtype : compute;
    }

    /**
     * Computes in {@code c} while the weights stay in their stored dtype: each block's weights are
     * widened for the duration of that block (inference) or of the step (training without
     * activation checkpointing, where backward needs them). Set before attaching adapters.
     */
    public void computeIn(DataType c) {
        if (c != DataType.FLOAT32 && c != DataType.FLOAT16) {
            throw new IllegalArgumentException("compute dtype must be float32 or float16, was " + c);
        }
        this.compute = c == dtype ? null : c;
    }

    public NDManager manager() {
        return manager;
    }

    public int numLayers() {
        return layers.size();
    }

    public LayerWeights layer(int i) {
        return layers.get(i);
    }

    public NDArray embedding() {
        return embed;
    }

    public NDArray finalNorm() {
        return finalNorm;
    }

    /** The output projection (the embedding itself when tied). */
    public NDArray lmHead() {
        return lmHead;
    }

    /** Attaches (or replaces) an adapter on a projection; null removes it. */
    public void setAdapter(int layer, Projection p, LinearAdapter adapter) {
        if (adapter == null) {
            adapters.remove(p.moduleName(layer));
        } else {
            adapters.put(p.moduleName(layer), adapter);
        }
    }

    public LinearAdapter adapter(int layer, Projection p) {
        return adapters.get(p.moduleName(layer));
    }

    public void clearAdapters() {
        adapters.clear();
    }

    /** Every base tensor by its Hugging Face name (lm_head only when untied). */
    public Map<String, NDArray> namedWeights() {
        Map<String, NDArray> out = new java.util.LinkedHashMap<>();
        out.put("model.embed_tokens.weight", embed);
        for (int i = 0; i < layers.size(); i++) {
            LayerWeights lw = layers.get(i);
            out.put("model.layers." + i + ".input_layernorm.weight", lw.inputNorm);
            out.put("model.layers." + i + ".post_attention_layernorm.weight", lw.postNorm);
            for (Projection p : Projection.values()) {
                out.put(p.weightName(i), lw.linear.get(p));
            }
        }
        out.put("model.norm.weight", finalNorm);
        if (lmHead != embed) {
            out.put("lm_head.weight", lmHead);
        }
        return out;
    }

    /**
     * Opens the memory scope for one pass. Only one may be open at a time per model: model
     * arrays are temporarily owned by the step's manager while it is open.
     */
    public ModelStep newStep() {
        if (!stepOpen.compareAndSet(false, true)) {
            throw new IllegalStateException("a ModelStep is already open on this model; close it first");
        }
        NDManager sub = manager.newSubManager();
        List<NDArray> all = new ArrayList<>(namedWeights().values());
        all.add(epsF32);
        all.add(attnScaleF32);
        for (LinearAdapter a : adapters.values()) {
            if (a instanceof HasArrays h) {
                all.addAll(h.arrays());
            }
        }
        sub.tempAttachAll(all.toArray(new NDArray[0]));
        return new ModelStep(sub, () -> stepOpen.set(false));
    }

    /** Adapters that own NDArrays expose them so a step can scope their intermediates too. */
    public interface HasArrays {
        List<NDArray> arrays();
    }

    /** A new cache for incremental decoding or shared-context scoring (lives in the step). */
    public KvCache newCache() {
        return new KvCache(layers.size());
    }

    /**
     * Logits [B, T, V] (F32) for token ids [B, T] (INT64). With a cache, positions continue after
     * the cached ones and the new keys/values are appended; a cache of batch 1 is broadcast to B.
     */
    public NDArray forward(NDArray tokens, KvCache cache, boolean training) {
        return logits(hidden(tokens, cache, training));
    }

    /** Final hidden states [B, T, H] after the last norm, before the output projection. */
    public NDArray hidden(NDArray tokens, KvCache cache, boolean training) {
        requireStep();
        Shape s = tokens.getShape();
        int batch = (int) s.get(0);
        int t = (int) s.get(1);
        int start = cache == null ? 0 : cache.length;
        NDManager m = tokens.getManager();
        NDArray[] cs = rotary.tables(m, start, t);
        DataType c = computeDtype();
        NDArray cos = cs[0].toType(c, false);
        NDArray sin = cs[1].toType(c, false);
        NDArray mask = t > 1 ? causalMask(m, t, start) : null;
        NDArray h = embed.get(tokens);
        if (c != dtype) {
            h = h.toType(c, false);
        }
        for (int i = 0; i < layers.size(); i++) {
            if (c == dtype) {
                h = decoderLayer(i, layers.get(i), c, h, batch, t, cos, sin, mask, cache, training);
            } else if (training) {
                // backward needs the widened weights: they live until the step closes
                h = decoderLayer(i, layers.get(i).copyAs(c, m), c, h, batch, t, cos, sin, mask, cache, true);
            } else {
                h = widenedBlock(i, c, h, batch, t, cos, sin, mask, cache);
            }
        }
        if (cache != null) {
            cache.length = start + t;
        }
        return rmsNorm(h, finalNorm, c);
    }

    /** One block computed on a widened copy of its weights that is freed right after (no gradients). */
    private NDArray widenedBlock(int i, DataType c, NDArray h, int batch, int t, NDArray cos, NDArray sin, NDArray mask,
                                 KvCache cache) {
        NDManager parent = h.getManager();
        try (NDManager s = parent.newSubManager()) {
            s.tempAttachAll(h);
            NDArray out = decoderLayer(i, layers.get(i).copyAs(c, s), c, h, batch, t, cos, sin, mask, cache, false);
            out.attach(parent);
            if (cache != null) {
                cache.keys[i].attach(parent);
                cache.values[i].attach(parent);
            }
            return out;
        }
    }

    private void requireStep() {
        if (!stepOpen.get()) {
            throw new IllegalStateException("forward must run inside newStep(), with inputs created on the step's manager");
        }
    }

    /**
     * Rotary tables and causal mask for one pass over positions 0..length-1 in a compute dtype,
     * shared by the blocks of a block-by-block pass ({@link #block}).
     */
    public record Positions(NDArray cos, NDArray sin, NDArray mask, int length) {
    }

    /** Positions for a block-by-block pass of {@code length} tokens, created on {@code m}. */
    public Positions positions(NDManager m, int length, DataType compute) {
        NDArray[] cs = rotary.tables(m, 0, length);
        return new Positions(cs[0].toType(compute, false), cs[1].toType(compute, false),
                length > 1 ? causalMask(m, length, 0) : null, length);
    }

    /** Token embeddings [B, T, H] in {@code compute} dtype (the first step of a block-by-block pass). */
    public NDArray embed(NDArray tokens, DataType compute) {
        requireStep();
        NDArray e = embed.get(tokens);
        return e.getDataType() == compute ? e : e.toType(compute, false);
    }

    /**
     * Decoder block {@code i} on hidden states [B, T, H] with the given weights (the layer's own, or
     * a copy of them in another dtype: the compute dtype is the weights' dtype). Adapters attached to
     * the layer apply. Lets callers run a pass block by block (layer-wise importance, activation
     * checkpointing) with exactly the arithmetic of {@link #hidden}.
     */
    public NDArray block(int i, LayerWeights weights, NDArray h, Positions pos, boolean training) {
        Shape s = h.getShape();
        DataType compute = weights.weight(Projection.Q).getDataType();
        return decoderLayer(i, weights, compute, h, (int) s.get(0), (int) s.get(1), pos.cos(), pos.sin(), pos.mask(),
                null, training);
    }

    /** The final norm of a block-by-block pass, in the dtype of {@code h}. */
    public NDArray finalHidden(NDArray h) {
        return rmsNorm(h, finalNorm, h.getDataType());
    }

    /** Output projection of final hidden states, as F32 logits. */
    public NDArray logits(NDArray hidden) {
        NDArray head = lmHead.getDataType() == hidden.getDataType() ? lmHead : lmHead.toType(hidden.getDataType(), false);
        return Linear.linear(hidden, head).singletonOrThrow().toType(DataType.FLOAT32, false);
    }

    private NDArray decoderLayer(int i, LayerWeights lw, DataType compute, NDArray h, int batch, int t, NDArray cos,
                                 NDArray sin, NDArray mask, KvCache cache, boolean training) {
        LayerLayout.Layer widths = layout.layer(i);
        int d = config.headDim();
        int heads = widths.heads();
        int kvHeads = widths.kvHeads();
        NDArray x = rmsNorm(h, lw.inputNorm, compute);
        NDArray q = project(i, lw, Projection.Q, x, training).reshape(batch, t, heads, d).transpose(0, 2, 1, 3);
        NDArray k = project(i, lw, Projection.K, x, training).reshape(batch, t, kvHeads, d).transpose(0, 2, 1, 3);
        NDArray v = project(i, lw, Projection.V, x, training).reshape(batch, t, kvHeads, d).transpose(0, 2, 1, 3);
        q = rope(q, cos, sin);
        k = rope(k, cos, sin);
        if (cache != null) {
            if (cache.keys[i] != null) {
                NDArray ck = cache.keys[i];
                NDArray cv = cache.values[i];
                if (ck.getShape().get(0) != batch) {
                    ck = ck.broadcast(new Shape(batch, kvHeads, ck.getShape().get(2), d));
                    cv = cv.broadcast(new Shape(batch, kvHeads, cv.getShape().get(2), d));
                }
                k = ck.concat(k, 2);
                v = cv.concat(v, 2);
            }
            cache.keys[i] = k;
            cache.values[i] = v;
        }
        int group = heads / kvHeads;
        if (group > 1) {
            k = repeatKv(k, group);
            v = repeatKv(v, group);
        }
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).toType(DataType.FLOAT32, false).mul(attnScaleF32);
        if (mask != null) {
            scores = scores.add(mask);
        }
        NDArray probs = scores.softmax(-1).toType(compute, false);
        NDArray att = probs.matMul(v).transpose(0, 2, 1, 3).reshape(batch, t, (long) heads * d);
        h = h.add(project(i, lw, Projection.O, att, training));
        NDArray y = rmsNorm(h, lw.postNorm, compute);
        NDArray gate = project(i, lw, Projection.GATE, y, training);
        NDArray up = project(i, lw, Projection.UP, y, training);
        NDArray act = gate.mul(Activation.sigmoid(gate)).mul(up);
        return h.add(project(i, lw, Projection.DOWN, act, training));
    }

    private NDArray project(int layer, LayerWeights lw, Projection p, NDArray x, boolean training) {
        NDArray out = Linear.linear(x, lw.linear.get(p)).singletonOrThrow();
        LinearAdapter a = adapters.get(p.moduleName(layer));
        return a == null ? out : out.add(a.delta(x, training));
    }

    /** RMSNorm computed in F32, weight applied in F32, result in the compute dtype. */
    private NDArray rmsNorm(NDArray x, NDArray weight, DataType compute) {
        NDArray xf = x.getDataType() == DataType.FLOAT32 ? x : x.toType(DataType.FLOAT32, false);
        NDArray var = xf.mul(xf).mean(new int[]{-1}, true);
        NDArray y = xf.div(var.add(epsF32).sqrt()).mul(weight);
        return compute == DataType.FLOAT32 ? y : y.toType(compute, false);
    }

    private static NDArray rope(NDArray x, NDArray cos, NDArray sin) {
        long d = x.getShape().get(3);
        NDList halves = x.split(new long[]{d / 2}, 3);
        NDArray rotated = halves.get(1).neg().concat(halves.get(0), 3);
        return x.mul(cos).add(rotated.mul(sin));
    }

    private static NDArray repeatKv(NDArray kv, int group) {
        Shape s = kv.getShape();
        return kv.expandDims(2).broadcast(new Shape(s.get(0), s.get(1), group, s.get(2), s.get(3)))
                .reshape(s.get(0), s.get(1) * group, s.get(2), s.get(3));
    }

    private static NDArray causalMask(NDManager m, int t, int start) {
        int total = start + t;
        float[] mask = new float[t * total];
        for (int i = 0; i < t; i++) {
            for (int j = start + i + 1; j < total; j++) {
                mask[i * total + j] = Float.NEGATIVE_INFINITY;
            }
        }
        return m.create(mask, new Shape(t, total));
    }

    /** Concatenates arrays along an axis (helper for callers building batches). */
    static NDArray concat(List<NDArray> arrays, int axis) {
        return NDArrays.concat(new NDList(arrays), axis);
    }

    @Override
    public void close() {
        manager.close();
    }
}

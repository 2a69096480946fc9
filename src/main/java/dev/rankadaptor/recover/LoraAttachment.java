package dev.rankadaptor.recover;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.rankadaptor.checkpoint.LayerLayout;
import dev.rankadaptor.common.InvalidFieldException;
import dev.rankadaptor.model.LlamaModel;
import dev.rankadaptor.model.LlamaModels;
import dev.rankadaptor.model.Projection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The LoRA adapters for one rank vector, attached to a model's projections. Shapes follow each
 * layer's own (possibly pruned) widths, so two layers with the same rank can still differ in size.
 * Parameter count: r * (in + out) per adapted module.
 */
public final class LoraAttachment implements AdapterSet {
    private final LlamaModel model;
    private final LoraConfig config;
    private final NDManager manager;
    private final Map<String, Entry> adapters = new LinkedHashMap<>();
    private boolean attached;

    private record Entry(int layer, Projection projection, LoraAdapter adapter) {
    }

    private LoraAttachment(LlamaModel model, LoraConfig config) {
        this.model = model;
        this.config = config;
        this.manager = model.manager().newSubManager();
    }

    /** Creates fresh adapters (seeded by config.seed()) and attaches them to the model. */
    public static LoraAttachment attach(LlamaModel model, LoraConfig config) {
        if (config.numLayers() != model.numLayers()) {
            throw new InvalidFieldException("ranks", "expected one rank per layer (" + model.numLayers() + " layers), got "
                    + config.numLayers());
        }
        LoraAttachment att = new LoraAttachment(model, config);
        Random rng = new Random(config.seed());
        for (int layer = 0; layer < model.numLayers(); layer++) {
            int r = config.rank(layer);
            if (r == 0) {
                continue;
            }
            for (Projection p : config.targets()) {
                long[] shape = model.layer(layer).weight(p).getShape().getShape();
                LoraAdapter a = LoraAdapter.create(att.manager, (int) shape[1], (int) shape[0], r, config.scale(r),
                        config.dropout(), rng, model.computeDtype());
                att.adapters.put(p.moduleName(layer), new Entry(layer, p, a));
            }
        }
        att.reattach();
        return att;
    }

    /** Puts the adapters (back) on the model. */
    public void reattach() {
        for (Entry e : adapters.values()) {
            model.setAdapter(e.layer, e.projection, e.adapter);
        }
        attached = true;
    }

    public LoraConfig config() {
        return config;
    }

    /** The adapter on a module, or null when that layer/projection has none. */
    public LoraAdapter adapter(int layer, Projection p) {
        Entry e = adapters.get(p.moduleName(layer));
        return e == null ? null : e.adapter;
    }

    /** Adapters by full module name, in layer then projection order. */
    public Map<String, LoraAdapter> adapters() {
        Map<String, LoraAdapter> out = new LinkedHashMap<>();
        adapters.forEach((k, v) -> out.put(k, v.adapter));
        return out;
    }

    @Override
    public List<NDArray> trainableArrays() {
        List<NDArray> out = new ArrayList<>();
        for (Entry e : adapters.values()) {
            out.addAll(e.adapter.trainable());
        }
        return out;
    }

    @Override
    public long parameterCount() {
        long n = 0;
        for (Entry e : adapters.values()) {
            n += (long) e.adapter.rank() * (e.adapter.inFeatures() + e.adapter.outFeatures());
        }
        return n;
    }

    /** Trainable parameters of a config on a layout, without building anything: sum of r * (in + out). */
    public static long parameterCount(LayerLayout layout, int hidden, int headDim, LoraConfig config) {
        long n = 0;
        for (int layer = 0; layer < layout.size(); layer++) {
            int r = config.rank(layer);
            for (Projection p : config.targets()) {
                long[] s = LlamaModels.expectedShape(p, layout.layer(layer), hidden, headDim);
                n += (long) r * (s[0] + s[1]);
            }
        }
        return n;
    }

    @Override
    public Map<String, Integer> moduleRanks() {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (int layer = 0; layer < model.numLayers(); layer++) {
            for (Projection p : Projection.values()) {
                Entry e = adapters.get(p.moduleName(layer));
                if (config.targets().contains(p)) {
                    out.put(p.moduleName(layer), e == null ? 0 : e.adapter.rank());
                }
            }
        }
        return out;
    }

    @Override
    public int[] layerRanks() {
        return config.ranks();
    }

    @Override
    public List<LoraModuleWeights> loraEquivalent() {
        List<LoraModuleWeights> out = new ArrayList<>();
        for (Entry e : adapters.values()) {
            out.add(e.adapter.weights(e.layer, e.projection));
        }
        return out;
    }

    @Override
    public void detach() {
        if (attached) {
            for (Entry e : adapters.values()) {
                if (model.adapter(e.layer, e.projection) == e.adapter) {
                    model.setAdapter(e.layer, e.projection, null);
                }
            }
            attached = false;
        }
    }

    @Override
    public void close() {
        detach();
        manager.close();
    }
}

package dev.rankadaptor.recover;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.rankadaptor.model.LlamaModel;
import dev.rankadaptor.model.Projection;
import dev.rankadaptor.train.TrainingHook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * AdaLoRA adapters (init_r on every target module of every layer) attached to a model, with the
 * training hook that adds the orthogonality regulariser (weight * mean over A and B matrices of
 * ||P P^T - I||_F, as PEFT) and runs the rank allocator after each optimizer step.
 */
public final class AdaLoraAttachment implements AdapterSet {
    private final LlamaModel model;
    private final AdaLoraConfig config;
    private final NDManager manager;
    private final Map<String, AdaLoraAdapter> adapters = new LinkedHashMap<>();
    private final Map<String, int[]> positions = new LinkedHashMap<>();
    private final RankAllocator allocator;
    private final BudgetSchedule schedule;
    private final NDArray regWeight;
    private boolean attached;

    private AdaLoraAttachment(LlamaModel model, AdaLoraConfig config, int totalSteps) {
        this.model = model;
        this.config = config;
        this.manager = model.manager().newSubManager();
        Random rng = new Random(config.seed());
        for (int layer = 0; layer < model.numLayers(); layer++) {
            for (Projection p : config.targets()) {
                long[] shape = model.layer(layer).weight(p).getShape().getShape();
                AdaLoraAdapter a = AdaLoraAdapter.create(manager, (int) shape[1], (int) shape[0], config.initR(),
                        config.scaling(), config.dropout(), rng, model.computeDtype());
                adapters.put(p.moduleName(layer), a);
                positions.put(p.moduleName(layer), new int[]{layer, p.ordinal()});
            }
        }
        int n = adapters.size();
        this.schedule = new BudgetSchedule(config.initR() * n, config.targetR() * n, config.tinit(), config.tfinal(),
                totalSteps, config.deltaT());
        this.allocator = new RankAllocator(adapters, schedule, config.beta1(), config.beta2(), manager);
        this.regWeight = manager.create((float) (config.orthRegWeight() / (2.0 * n)));
    }

    /** Creates and attaches AdaLoRA adapters whose budget schedule spans {@code totalSteps} optimizer steps. */
    public static AdaLoraAttachment attach(LlamaModel model, AdaLoraConfig config, int totalSteps) {
        AdaLoraAttachment att = new AdaLoraAttachment(model, config, totalSteps);
        att.reattach();
        return att;
    }

    public void reattach() {
        for (Map.Entry<String, AdaLoraAdapter> e : adapters.entrySet()) {
            int[] pos = positions.get(e.getKey());
            model.setAdapter(pos[0], Projection.values()[pos[1]], e.getValue());
        }
        attached = true;
    }

    public AdaLoraConfig config() {
        return config;
    }

    public BudgetSchedule schedule() {
        return schedule;
    }

    /** Total kept rank after the latest allocation (the budget it was masked to). */
    public int currentBudget() {
        return allocator.lastBudget();
    }

    /** The rank allocator's current triplet scores per module (diagnostics). */
    Map<String, float[]> tripletScores() {
        return allocator.scores();
    }

    /** Arrays the allocator keeps statistics for (diagnostics). */
    int trackedArrays() {
        return allocator.trackedArrays();
    }

    public AdaLoraAdapter adapter(int layer, Projection p) {
        return adapters.get(p.moduleName(layer));
    }

    @Override
    public List<NDArray> trainableArrays() {
        List<NDArray> out = new ArrayList<>();
        for (AdaLoraAdapter a : adapters.values()) {
            out.addAll(a.trainable());
        }
        return out;
    }

    /** r * (in + out) + r per module (A, B and E), as PEFT counts them. */
    @Override
    public long parameterCount() {
        long n = 0;
        for (AdaLoraAdapter a : adapters.values()) {
            n += (long) a.rank() * (a.inFeatures() + a.outFeatures() + 1);
        }
        return n;
    }

    @Override
    public Map<String, Integer> moduleRanks() {
        return allocator.ranks();
    }

    @Override
    public int[] layerRanks() {
        int[] out = new int[model.numLayers()];
        for (Map.Entry<String, Integer> e : moduleRanks().entrySet()) {
            int layer = positions.get(e.getKey())[0];
            out[layer] = Math.max(out[layer], e.getValue());
        }
        return out;
    }

    @Override
    public List<LoraModuleWeights> loraEquivalent() {
        List<LoraModuleWeights> out = new ArrayList<>();
        for (Map.Entry<String, AdaLoraAdapter> e : adapters.entrySet()) {
            int[] pos = positions.get(e.getKey());
            LoraModuleWeights w = e.getValue().loraEquivalent(pos[0], Projection.values()[pos[1]]);
            if (w != null) {
                out.add(w);
            }
        }
        return out;
    }

    @Override
    public TrainingHook trainingHook() {
        return new TrainingHook() {
            @Override
            public NDArray extraLoss(NDManager stepManager) {
                if (config.orthRegWeight() == 0) {
                    return null;
                }
                NDArray sum = null;
                for (AdaLoraAdapter a : adapters.values()) {
                    NDArray pen = a.orthogonalityPenalty();
                    sum = sum == null ? pen : sum.add(pen);
                }
                return sum.mul(regWeight);
            }

            @Override
            public void afterBackward(int step) {
                allocator.captureGradients(step);
            }

            @Override
            public void afterUpdate(int step, int trainedTokens) {
                allocator.afterUpdate(step);
            }
        };
    }

    @Override
    public void detach() {
        if (attached) {
            for (Map.Entry<String, AdaLoraAdapter> e : adapters.entrySet()) {
                int[] pos = positions.get(e.getKey());
                Projection p = Projection.values()[pos[1]];
                if (model.adapter(pos[0], p) == e.getValue()) {
                    model.setAdapter(pos[0], p, null);
                }
            }
            attached = false;
        }
    }

    @Override
    public void close() {
        detach();
        allocator.close();
        manager.close();
    }
}

package dev.rankadaptor.recover;

import ai.djl.ndarray.NDArray;
import dev.rankadaptor.train.TrainingHook;

import java.util.List;
import java.util.Map;

/**
 * Adapters attached to a model for recovery (LoRA or AdaLoRA): what the trainer optimises, how
 * big it is, which ranks it ended with, and its plain-LoRA form for export and merging. Closing
 * detaches the adapters from the model and frees their arrays.
 */
public interface AdapterSet extends AutoCloseable {
    /** Arrays the optimizer updates (base weights are never among them). */
    List<NDArray> trainableArrays();

    /** Number of trainable parameters. */
    long parameterCount();

    /** Effective rank per module, keyed by full module name (model.layers.N.self_attn.q_proj); 0 = no update. */
    Map<String, Integer> moduleRanks();

    /** Effective rank per layer: the largest rank among the layer's modules (0 if it has none). */
    int[] layerRanks();

    /** The current update of every module with rank > 0, as plain LoRA (delta W = scale * B A). */
    List<LoraModuleWeights> loraEquivalent();

    /** Per-step extras the trainer must run (NONE for LoRA). */
    default TrainingHook trainingHook() {
        return TrainingHook.NONE;
    }

    /** Removes the adapters from the model (idempotent); the arrays stay readable until close. */
    void detach();

    @Override
    void close();
}

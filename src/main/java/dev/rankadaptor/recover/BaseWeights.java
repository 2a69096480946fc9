package dev.rankadaptor.recover;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import dev.rankadaptor.checkpoint.Checkpoint;
import dev.rankadaptor.checkpoint.SafetensorsDtype;
import dev.rankadaptor.model.LlamaModel;
import dev.rankadaptor.model.LlamaModels;

/**
 * How the frozen base model is held and computed during recovery and evaluation. On CUDA an F16 /
 * BF16 checkpoint stays F16 and computes in F16 (norms, softmax and the adapters in F32). On the
 * CPU (no fast F16 math on these cores) F16 storage pays only with activation checkpointing: each
 * block is widened to F32 while it runs, so the model is held at 2 bytes per weight instead of 4;
 * without checkpointing backward would need every block's widened copy for the whole step, so the
 * base is held in F32. {@link #choose} gives this lean choice; {@link RecoveryPreflight#preferF32WhenItFits}
 * holds F32 instead on the CPU for stages that score (eval, trials) wherever that still fits, because
 * re-widening every block in every forward makes scoring short items several times slower ({@code bench scale} SCORE, LORA_STEP, LORA_STEP_F32 in
 * docs/benchmarks.md).
 */
public enum BaseWeights {
    /** Held and computed in F32. */
    F32(DataType.FLOAT32, DataType.FLOAT32),
    /** Held in F16, each block widened to F32 while it runs. */
    F16_STORED_F32_COMPUTE(DataType.FLOAT16, DataType.FLOAT32),
    /** Held and computed in F16 (CUDA). */
    F16(DataType.FLOAT16, DataType.FLOAT16);

    private final DataType stored;
    private final DataType compute;

    BaseWeights(DataType stored, DataType compute) {
        this.stored = stored;
        this.compute = compute;
    }

    /** The choice for a checkpoint stored in {@code dtype} on {@code device}, with or without checkpointing. */
    public static BaseWeights choose(Device device, SafetensorsDtype dtype, boolean checkpointing) {
        if (dtype != SafetensorsDtype.F16 && dtype != SafetensorsDtype.BF16) {
            return F32;
        }
        if (device != null && device.isGpu()) {
            return F16;
        }
        return checkpointing ? F16_STORED_F32_COMPUTE : F32;
    }

    /**
     * The choice for scoring only (no backward): an F16 / BF16 checkpoint stays F16-stored on the CPU
     * too, each block widened while it runs (half the memory; measured by {@code bench scale} SCORE).
     */
    public static BaseWeights forScoring(Device device, SafetensorsDtype dtype) {
        return choose(device, dtype, true);
    }

    /** The choice for {@code ck} (its dominant dtype). */
    public static BaseWeights choose(Device device, Checkpoint ck, boolean checkpointing) {
        return choose(device, ck.dominantDtype(), checkpointing);
    }

    /** Loads the checkpoint's model held and computed as this choice says. */
    public LlamaModel load(Checkpoint ck, Device device) {
        LlamaModel m = LlamaModels.load(ck.config(), ck.layout(), ck.tensors(), device, stored);
        m.computeIn(compute);
        return m;
    }

    public int storedBytes() {
        return stored.getNumOfBytes();
    }

    /** True when the stored weights are widened to F32 block by block. */
    public boolean f32Compute() {
        return stored != compute;
    }

    /** "F16 stored, F32 compute per block". */
    public String describe() {
        return switch (this) {
            case F32 -> "F32";
            case F16_STORED_F32_COMPUTE -> "F16 stored, F32 compute per block";
            case F16 -> "F16";
        };
    }
}

package dev.rankadaptor.cli;

import ai.djl.ndarray.types.DataType;
import dev.rankadaptor.checkpoint.Checkpoint;
import dev.rankadaptor.common.InvalidFieldException;
import dev.rankadaptor.compute.DeviceChoice;
import dev.rankadaptor.model.LlamaModel;
import dev.rankadaptor.recover.BaseWeights;
import picocli.CommandLine.Option;

import java.util.Locale;

/** --device and --dtype, shared by every command that loads a model. */
final class ModelOptions {
    @Option(names = "--device", defaultValue = "cpu", description = "cpu, cuda or cuda:N (default ${DEFAULT-VALUE})")
    String device;

    @Option(names = "--dtype", defaultValue = "auto",
            description = "auto, float32 or float16 (default ${DEFAULT-VALUE}: an F16 / BF16 checkpoint stays F16 on CUDA, and on"
                    + " the CPU for eval and with gradient checkpointing, computed per block in F32; otherwise F32)")
    String dtype;

    /** How the base model is held and computed: --dtype, or for auto the choice of {@link BaseWeights#choose}. */
    BaseWeights weights(Checkpoint ckpt, boolean checkpointing) {
        if (dtype.equalsIgnoreCase("auto")) {
            return BaseWeights.choose(resolvedDevice().toDjl(), ckpt, checkpointing);
        }
        return dataType() == DataType.FLOAT32 ? BaseWeights.F32 : BaseWeights.F16;
    }

    /** How the base model is held for scoring only ({@code eval}): auto keeps F16 stored on the CPU too. */
    BaseWeights scoringWeights(Checkpoint ckpt) {
        return dtype.equalsIgnoreCase("auto") ? BaseWeights.forScoring(resolvedDevice().toDjl(), ckpt.dominantDtype())
                : weights(ckpt, false);
    }

    DataType dataType() {
        return switch (dtype.toLowerCase(Locale.ROOT)) {
            case "float32", "f32", "fp32" -> DataType.FLOAT32;
            case "float16", "f16", "fp16", "half" -> DataType.FLOAT16;
            default -> throw new InvalidFieldException("--dtype", "expected auto, float32 or float16, was " + dtype);
        };
    }

    DeviceChoice resolvedDevice() {
        return resolve(device);
    }

    /** Parses and resolves a --device value, printing the fallback warning when CUDA is absent. */
    static DeviceChoice resolve(String device) {
        DeviceChoice.Resolved r = DeviceChoice.parse(device).resolve();
        if (r.warning() != null) {
            System.err.println("warning: " + r.warning());
        }
        return r.device();
    }

    LlamaModel load(Checkpoint ckpt) {
        return weights(ckpt, false).load(ckpt, resolvedDevice().toDjl());
    }
}

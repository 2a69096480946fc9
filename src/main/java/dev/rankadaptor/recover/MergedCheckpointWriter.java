package dev.rankadaptor.recover;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.rankadaptor.checkpoint.Checkpoint;
import dev.rankadaptor.checkpoint.LayoutManifest;
import dev.rankadaptor.checkpoint.LlamaConfigWriter;
import dev.rankadaptor.checkpoint.SafetensorsDtype;
import dev.rankadaptor.checkpoint.SafetensorsWriter;
import dev.rankadaptor.common.AtomicFiles;
import dev.rankadaptor.common.UserInputException;
import dev.rankadaptor.model.LlamaModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes base + adapters as an ordinary checkpoint (W' = W + scale * B A per adapted module), in
 * the same layout as the base: config.json, model.safetensors (weights in the model's dtype,
 * norms in F32), layout.json when layers are pruned, and the base folder's tokenizer files. Each
 * merged tensor is computed while it is written, so only one extra tensor is in memory at a time.
 */
public final class MergedCheckpointWriter {
    private static final List<String> TOKENIZER_FILES = List.of("tokenizer.json", "tokenizer.model",
            "tokenizer_config.json", "special_tokens_map.json", "generation_config.json");

    private MergedCheckpointWriter() {
    }

    /**
     * W + scale * B A on {@code scratch}, for a base weight of the module's [out, in] shape (any
     * dtype; it is not modified). Computed in F64 and rounded to F32 once, so the merged weight is
     * the nearest float to the exact sum.
     */
    static NDArray merged(NDArray base, LoraModuleWeights m, NDManager scratch) {
        NDArray a = scratch.create(m.a(), new Shape(m.rank(), m.in())).toType(DataType.FLOAT64, false);
        NDArray b = scratch.create(m.b(), new Shape(m.out(), m.rank())).toType(DataType.FLOAT64, false);
        NDArray delta = b.matMul(a).mul(m.scale());
        return base.toType(DataType.FLOAT64, true).add(delta).toType(DataType.FLOAT32, false);
    }

    /**
     * @param baseFolder the base checkpoint folder whose tokenizer files are copied (null: none)
     */
    public static void write(LlamaModel model, List<LoraModuleWeights> modules, Path folder, Path baseFolder) {
        Map<String, LoraModuleWeights> byWeight = new HashMap<>();
        for (LoraModuleWeights m : modules) {
            byWeight.put(m.moduleName() + ".weight", m);
        }
        SafetensorsWriter w = new SafetensorsWriter().metadata("format", "pt");
        for (Map.Entry<String, NDArray> e : model.namedWeights().entrySet()) {
            NDArray base = e.getValue();
            LoraModuleWeights m = byWeight.remove(e.getKey());
            if (m == null) {
                w.add(e.getKey(), base, base.getDataType());
                continue;
            }
            long[] shape = base.getShape().getShape();
            if (shape[0] != m.out() || shape[1] != m.in()) {
                throw new IllegalArgumentException("adapter for " + m.moduleName() + " is [" + m.out() + ", " + m.in()
                        + "] but the weight is " + base.getShape());
            }
            DataType dtype = base.getDataType();
            w.add(e.getKey(), SafetensorsDtype.of(dtype), shape, out -> {
                try (NDManager scratch = model.manager().newSubManager()) {
                    scratch.tempAttachAll(base);
                    out.write(merged(base, m, scratch).toType(dtype, false).toByteArray());
                }
            });
        }
        if (!byWeight.isEmpty()) {
            throw new IllegalArgumentException("adapters for modules the model lacks: " + byWeight.keySet());
        }
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UserInputException("cannot create output folder " + folder + ": " + e.getMessage(), e);
        }
        w.write(folder.resolve(Checkpoint.SINGLE_FILE));
        LlamaConfigWriter.write(model.config(), folder.resolve(Checkpoint.CONFIG_FILE));
        if (!model.layout().equals(model.config().nominalLayout())) {
            new LayoutManifest(model.layout(), model.config().hiddenSize(), model.config().headDim(),
                    Map.of("merged", "base + LoRA adapters")).write(folder.resolve(LayoutManifest.FILE));
        }
        if (baseFolder != null) {
            for (String name : TOKENIZER_FILES) {
                Path src = baseFolder.resolve(name);
                if (Files.isRegularFile(src)) {
                    AtomicFiles.write(folder.resolve(name), out -> Files.copy(src, out));
                }
            }
        }
    }
}

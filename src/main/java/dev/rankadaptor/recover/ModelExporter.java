package dev.rankadaptor.recover;

import dev.rankadaptor.common.FileTrees;
import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rankadaptor.checkpoint.Checkpoint;
import dev.rankadaptor.checkpoint.LayerLayout;
import dev.rankadaptor.checkpoint.LayoutManifest;
import dev.rankadaptor.checkpoint.LlamaConfig;
import dev.rankadaptor.checkpoint.LlamaConfigWriter;
import dev.rankadaptor.checkpoint.SafetensorsDtype;
import dev.rankadaptor.checkpoint.SafetensorsWriter;
import dev.rankadaptor.checkpoint.ShardedCheckpoint;
import dev.rankadaptor.checkpoint.TensorInfo;
import dev.rankadaptor.checkpoint.TensorNames;
import dev.rankadaptor.checkpoint.TensorSource;
import dev.rankadaptor.checkpoint.UniformWidths;
import dev.rankadaptor.common.AtomicFiles;
import dev.rankadaptor.common.AtomicFolders;
import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.common.InvalidFieldException;
import dev.rankadaptor.common.UserInputException;
import dev.rankadaptor.compute.Engines;
import dev.rankadaptor.model.LlamaModelWriter;
import dev.rankadaptor.model.LlamaModels;
import dev.rankadaptor.model.Projection;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes a checkpoint as a model folder other tools load: {@link ExportLayout#HF} zero-pads every
 * layer to the widest layer's heads and MLP width ({@link UniformWidths}, exact: see
 * {@link WidthPadding}) and writes a plain config.json, so stock LlamaForCausalLM loads a
 * block-pruned model; {@link ExportLayout#PRUNED} keeps the per-layer widths (with layout.json).
 * An adapter is either merged into the weights (W + scale B A, as {@link MergedCheckpointWriter})
 * or written beside the model as a PEFT adapter padded the same way, so {@code PeftModel} applies
 * it to the padded base. Weights stream tensor by tensor from the memory-mapped checkpoint (one
 * tensor and its padded copy in memory at a time), each in the dtype it is stored in, into
 * safetensors shards of at most {@code maxShardBytes} with an index; tokenizer files are copied.
 * Each output folder is written beside its target and renamed into place ({@link AtomicFolders}).
 */
public final class ModelExporter {
    /** Shard limit when none is given: transformers' save_pretrained default (5 GB). */
    public static final long DEFAULT_SHARD_BYTES = 5_000_000_000L;

    private ModelExporter() {
    }

    /**
     * What to export.
     *
     * @param layout        padded (HF) or per-layer (PRUNED) widths
     * @param adapter       a PEFT adapter of the checkpoint, or null
     * @param modelOut      the model folder to write (new or empty)
     * @param adapterOut    where to write the adapter, padded like the model (new or empty); null merges
     *                      {@code adapter} into the weights instead
     * @param maxShardBytes largest safetensors file; a tensor larger than this gets a shard of its own
     */
    public record Request(ExportLayout layout, PeftAdapterFolder adapter, Path modelOut, Path adapterOut, long maxShardBytes) {
        public Request {
            if (layout == null) {
                throw new InvalidFieldException("--format", "is required (hf or pruned)");
            }
            if (modelOut == null) {
                throw new InvalidFieldException("--out", "is required: the model folder to write");
            }
            if (adapterOut != null && adapter == null) {
                throw new InvalidFieldException("--adapter-out", "needs --adapter: the adapter to pad and write there");
            }
            if (adapterOut != null && adapterOut.toAbsolutePath().normalize().equals(modelOut.toAbsolutePath().normalize())) {
                throw new InvalidFieldException("--adapter-out", "must differ from --out (" + modelOut + ")");
            }
            if (maxShardBytes <= 0) {
                throw new InvalidFieldException("--max-shard-size", "must be > 0 bytes, was " + maxShardBytes);
            }
        }

        /** True when the adapter goes into the weights rather than beside them. */
        public boolean merges() {
            return adapter != null && adapterOut == null;
        }
    }

    /**
     * What was written.
     *
     * @param config  the written config.json (uniform widths for HF)
     * @param shards  safetensors files written (1: model.safetensors, no index)
     * @param dropped tensors of the checkpoint that are not LLaMA weights and were left out
     */
    public record Result(Path modelFolder, Path adapterFolder, LlamaConfig config, int shards, long dataBytes,
                         List<String> dropped) {
        public Result {
            dropped = List.copyOf(dropped);
        }
    }

    private record Planned(String name, SafetensorsDtype dtype, long[] shape, SafetensorsWriter.Body body) {
        long bytes() {
            long n = dtype.bytes();
            for (long d : shape) {
                n *= d;
            }
            return n;
        }
    }

    /** Exports {@code ckpt} as {@code request} says; bad input is a {@link UserInputException} naming the file. */
    public static Result export(Checkpoint ckpt, Request request, CancellationToken token) {
        AtomicFolders.requireNewOrEmpty(request.modelOut(), "the exported model");
        if (request.adapterOut() != null) {
            AtomicFolders.requireNewOrEmpty(request.adapterOut(), "the exported adapter");
        }
        LlamaConfig config = ckpt.config();
        LayerLayout layout = ckpt.layout();
        if (request.adapter() != null) {
            request.adapter().checkFits(config, layout, "checkpoint " + ckpt.folder());
        }
        List<WidthPadding> padding = padding(config, layout, request.layout());
        LayerLayout outLayout = new LayerLayout(padding.stream().map(WidthPadding::target).toList());
        SafetensorsDtype dominant = ckpt.dominantDtype();
        LlamaConfig outConfig = request.layout() == ExportLayout.HF
                ? UniformWidths.forExport(config, layout).config(config, layout.size(), torchDtype(dominant))
                : config;
        Path modelTmp = null;
        Path adapterTmp = null;
        try (NDManager manager = Engines.pytorch().newBaseManager(Device.cpu())) {
            Map<String, LoraModuleWeights> merge = new HashMap<>();
            if (request.merges()) {
                request.adapter().modules().forEach(m -> merge.put(m.projection().weightName(m.layer()), m));
            }
            List<String> dropped = new ArrayList<>();
            List<Planned> plan = plan(ckpt, padding, outLayout, merge, manager, token, dropped);
            if (request.adapterOut() != null) {
                adapterTmp = AtomicFolders.tempBeside(request.adapterOut());
                writeAdapter(request.adapter(), padding, request.modelOut(), adapterTmp, manager);
            }
            modelTmp = AtomicFolders.tempBeside(request.modelOut());
            int shards = writeShards(plan, modelTmp, request.maxShardBytes(), token);
            LlamaConfigWriter.write(outConfig, modelTmp.resolve(Checkpoint.CONFIG_FILE));
            if (request.layout() == ExportLayout.PRUNED && !outLayout.equals(config.nominalLayout())) {
                Map<String, String> source = new LinkedHashMap<>();
                if (ckpt.manifest() != null) {
                    source.putAll(ckpt.manifest().source());
                }
                source.put("exported_from", ckpt.folder().toAbsolutePath().toString());
                if (request.merges()) {
                    source.put("merged_adapter", request.adapter().folder().toAbsolutePath().toString());
                }
                new LayoutManifest(outLayout, config.hiddenSize(), config.headDim(), source)
                        .write(modelTmp.resolve(LayoutManifest.FILE));
            }
            for (String f : LlamaModelWriter.SIDE_FILES) {
                Path src = ckpt.folder().resolve(f);
                if (Files.isRegularFile(src)) {
                    Files.copy(src, modelTmp.resolve(f));
                }
            }
            token.throwIfCancelled();
            AtomicFolders.publish(modelTmp, request.modelOut());
            modelTmp = null;
            if (adapterTmp != null) {
                AtomicFolders.publish(adapterTmp, request.adapterOut());
                adapterTmp = null;
            }
            long bytes = plan.stream().mapToLong(Planned::bytes).sum();
            return new Result(request.modelOut().toAbsolutePath().normalize(),
                    request.adapterOut() == null ? null : request.adapterOut().toAbsolutePath().normalize(),
                    outConfig, shards, bytes, dropped);
        } catch (IOException e) {
            throw new UserInputException("could not export to " + request.modelOut() + ": " + e.getMessage(), e);
        } finally {
            if (modelTmp != null) {
                FileTrees.deleteTree(modelTmp);
            }
            if (adapterTmp != null) {
                FileTrees.deleteTree(adapterTmp);
            }
        }
    }

    /** One padding per layer: to the uniform widths (HF) or to the layer's own (PRUNED: identity). */
    static List<WidthPadding> padding(LlamaConfig config, LayerLayout layout, ExportLayout target) {
        LayerLayout.Layer uniform = UniformWidths.forExport(config, layout).layer();
        List<WidthPadding> out = new ArrayList<>();
        for (LayerLayout.Layer l : layout.layers()) {
            out.add(new WidthPadding(l, target == ExportLayout.HF ? uniform : l, config.headDim()));
        }
        return out;
    }

    private static List<Planned> plan(Checkpoint ckpt, List<WidthPadding> padding, LayerLayout outLayout,
                                      Map<String, LoraModuleWeights> merge, NDManager manager, CancellationToken token,
                                      List<String> dropped) {
        TensorSource src = ckpt.tensors();
        LlamaConfig c = ckpt.config();
        List<Planned> plan = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        plan.add(copy(ckpt, TensorNames.EMBED, manager, token));
        used.add(TensorNames.EMBED);
        for (int i = 0; i < padding.size(); i++) {
            WidthPadding pad = padding.get(i);
            for (String norm : List.of(TensorNames.inputNorm(i), TensorNames.postAttentionNorm(i))) {
                plan.add(copy(ckpt, norm, manager, token));
                used.add(norm);
            }
            for (Projection p : Projection.values()) {
                String name = p.weightName(i);
                long[] shape = LlamaModels.expectedShape(p, outLayout.layer(i), c.hiddenSize(), c.headDim());
                LoraModuleWeights m = merge.get(name);
                SafetensorsDtype dtype = storedDtype(ckpt, name);
                plan.add(new Planned(name, dtype, shape, out -> {
                    token.throwIfCancelled();
                    try (NDManager scratch = manager.newSubManager()) {
                        NDArray w = src.load(name, scratch, DataType.FLOAT32);
                        if (m != null) {
                            w = MergedCheckpointWriter.merged(w, m, scratch);
                        }
                        writeAs(out, pad.weight(p, w), dtype);
                    }
                }));
                used.add(name);
            }
        }
        plan.add(copy(ckpt, TensorNames.FINAL_NORM, manager, token));
        used.add(TensorNames.FINAL_NORM);
        if (src.contains(TensorNames.LM_HEAD)) {
            plan.add(copy(ckpt, TensorNames.LM_HEAD, manager, token));
            used.add(TensorNames.LM_HEAD);
        }
        for (String name : src.names()) {
            if (!used.contains(name)) {
                dropped.add(name);
            }
        }
        return plan;
    }

    /** A tensor written as stored (same shape and dtype; its values pass through F32 exactly). */
    private static Planned copy(Checkpoint ckpt, String name, NDManager manager, CancellationToken token) {
        SafetensorsDtype dtype = storedDtype(ckpt, name);
        return new Planned(name, dtype, ckpt.tensors().shape(name), out -> {
            token.throwIfCancelled();
            try (NDManager scratch = manager.newSubManager()) {
                writeAs(out, ckpt.tensors().load(name, scratch, DataType.FLOAT32), dtype);
            }
        });
    }

    private static SafetensorsDtype storedDtype(Checkpoint ckpt, String name) {
        TensorInfo info = ckpt.tensorInfos().get(name);
        SafetensorsDtype d = info == null ? SafetensorsDtype.F32 : info.dtype();
        if (!d.loadable()) {
            throw new UserInputException("checkpoint " + ckpt.folder() + ": tensor " + name + " is stored as " + d
                    + "; exports read F32, F16 and BF16 weights");
        }
        return d;
    }

    static String torchDtype(SafetensorsDtype d) {
        return switch (d) {
            case F16 -> "float16";
            case BF16 -> "bfloat16";
            default -> "float32";
        };
    }

    /** Writes an F32 array's values as {@code stored} (F32, F16, or BF16 rounded to nearest even in Java). */
    static void writeAs(OutputStream out, NDArray f32, SafetensorsDtype stored) throws IOException {
        if (stored == SafetensorsDtype.F16) {
            writeBuffer(out, f32.toType(DataType.FLOAT16, false).toByteBuffer());
            return;
        }
        ByteBuffer data = f32.toByteBuffer();
        if (stored == SafetensorsDtype.F32) {
            writeBuffer(out, data);
            return;
        }
        // BF16: an NDArray of it would abort the JVM (DJL trap 2, docs/architecture.md), so round here
        ByteBuffer floats = data.duplicate().order(data.order());
        byte[] chunk = new byte[1 << 20];
        int n = 0;
        while (floats.remaining() >= 4) {
            int bits = Float.floatToRawIntBits(floats.getFloat());
            int half = Float.isNaN(Float.intBitsToFloat(bits)) ? 0x7fc0 : (bits + 0x7fff + ((bits >>> 16) & 1)) >>> 16;
            chunk[n++] = (byte) half;
            chunk[n++] = (byte) (half >>> 8);
            if (n == chunk.length) {
                out.write(chunk, 0, n);
                n = 0;
            }
        }
        out.write(chunk, 0, n);
    }

    private static void writeBuffer(OutputStream out, ByteBuffer data) throws IOException {
        if (data.order() != ByteOrder.LITTLE_ENDIAN) {
            throw new IOException("tensor data is not little-endian");
        }
        ByteBuffer b = data.duplicate();
        byte[] chunk = new byte[1 << 20];
        while (b.hasRemaining()) {
            int k = Math.min(chunk.length, b.remaining());
            b.get(chunk, 0, k);
            out.write(chunk, 0, k);
        }
    }

    /** Splits the plan into shards in order and writes them (with the index when there is more than one). */
    private static int writeShards(List<Planned> plan, Path folder, long maxShardBytes, CancellationToken token) {
        List<List<Planned>> shards = new ArrayList<>();
        List<Planned> current = new ArrayList<>();
        long size = 0;
        for (Planned p : plan) {
            if (!current.isEmpty() && size + p.bytes() > maxShardBytes) {
                shards.add(current);
                current = new ArrayList<>();
                size = 0;
            }
            current.add(p);
            size += p.bytes();
        }
        shards.add(current);
        Map<String, String> weightMap = new LinkedHashMap<>();
        long total = 0;
        for (int s = 0; s < shards.size(); s++) {
            String file = shards.size() == 1 ? Checkpoint.SINGLE_FILE
                    : String.format(Locale.ROOT, "model-%05d-of-%05d.safetensors", s + 1, shards.size());
            SafetensorsWriter w = new SafetensorsWriter().metadata("format", "pt");
            for (Planned p : shards.get(s)) {
                w.add(p.name(), p.dtype(), p.shape(), p.body());
                weightMap.put(p.name(), file);
                total += p.bytes();
            }
            token.throwIfCancelled();
            w.write(folder.resolve(file));
        }
        if (shards.size() > 1) {
            ShardedCheckpoint.writeIndex(folder.resolve(ShardedCheckpoint.INDEX_FILE), weightMap, total);
        }
        return shards.size();
    }

    /**
     * The adapter padded like the model, with its adapter_config.json unchanged (ranks, alphas,
     * targets) except base_model_name_or_path, which names the exported model folder.
     */
    private static void writeAdapter(PeftAdapterFolder adapter, List<WidthPadding> padding, Path modelOut, Path folder,
                                     NDManager manager) {
        List<LoraModuleWeights> padded = new ArrayList<>();
        try (NDManager scratch = manager.newSubManager()) {
            for (LoraModuleWeights m : adapter.modules()) {
                padded.add(padding.get(m.layer()).lora(m, scratch));
            }
        }
        ObjectNode config = adapter.config().deepCopy();
        config.put("base_model_name_or_path", modelOut.toAbsolutePath().normalize().toString());
        PeftExporter.write(padded, config, folder);
    }
}

package dev.rankadaptor.prune;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.rankadaptor.checkpoint.Checkpoint;
import dev.rankadaptor.checkpoint.LayerLayout;
import dev.rankadaptor.checkpoint.SafetensorsDtype;
import dev.rankadaptor.checkpoint.SafetensorsWriter;
import dev.rankadaptor.checkpoint.TensorSource;
import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.compute.Engines;
import dev.rankadaptor.model.LlamaModelWriter;
import dev.rankadaptor.model.Projection;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a pruned checkpoint straight from the source checkpoint's tensors, one tensor at a time:
 * each output tensor is read (memory-mapped), its kept rows or columns are copied, and it is
 * written before the next is read, so no pruned model is ever built in memory. The folder is the
 * one {@link LlamaModelWriter} writes for the pruned model (same tensor order, dtypes, config,
 * layout.json, tokenizer files): byte for byte, as a test checks.
 */
final class PrunedCheckpointWriter {
    private PrunedCheckpointWriter() {
    }

    /**
     * Writes into {@code folder} the model made of the source layers {@code sourceLayers} (in
     * order; all of them for block pruning, the surviving ones for depth pruning), narrowed to
     * {@code kept} (by source layer index; absent = unchanged). Linear and embedding weights are
     * stored as {@code stored}, norms as F32. Returns the written layout.
     */
    static LayerLayout write(Checkpoint source, List<Integer> sourceLayers, Map<Integer, GroupSelection> kept,
                             DataType stored, Path folder, Map<String, String> provenance, PruneListener listener,
                             CancellationToken cancel) {
        TensorSource src = source.tensors();
        int d = source.config().headDim();
        List<LayerLayout.Layer> widths = new ArrayList<>();
        SafetensorsWriter w = new SafetensorsWriter().metadata("format", "pt");
        try (NDManager manager = Engines.pytorch().newBaseManager(Device.cpu())) {
            Progress progress = new Progress(listener, 2 * sourceLayers.size() * (Projection.values().length + 2) + 3);
            add(w, src, manager, "model.embed_tokens.weight", "model.embed_tokens.weight", stored, null, false, cancel, progress);
            for (int j = 0; j < sourceLayers.size(); j++) {
                int i = sourceLayers.get(j);
                LayerLayout.Layer before = source.layout().layer(i);
                GroupSelection s = kept.get(i);
                Map<Projection, int[]> index = s == null ? Map.of() : keptIndices(before, s, d, i);
                String to = "model.layers." + j + ".";
                String from = "model.layers." + i + ".";
                add(w, src, manager, from + "input_layernorm.weight", to + "input_layernorm.weight", stored, null, false, cancel, progress);
                add(w, src, manager, from + "post_attention_layernorm.weight", to + "post_attention_layernorm.weight",
                        stored, null, false, cancel, progress);
                for (Projection p : Projection.values()) {
                    boolean columns = p == Projection.O || p == Projection.DOWN;
                    add(w, src, manager, p.weightName(i), p.weightName(j), stored, index.get(p), columns, cancel, progress);
                }
                widths.add(s == null ? before : new LayerLayout.Layer(s.keptHeadGroups().length * (before.heads()
                        / before.kvHeads()), s.keptHeadGroups().length, s.keptChannels().length));
            }
            add(w, src, manager, "model.norm.weight", "model.norm.weight", stored, null, false, cancel, progress);
            if (src.contains("lm_head.weight")) {
                add(w, src, manager, "lm_head.weight", "lm_head.weight", stored, null, false, cancel, progress);
            }
            LayerLayout layout = new LayerLayout(widths);
            w.write(folder.resolve(Checkpoint.SINGLE_FILE));
            LlamaModelWriter.writeFolderFiles(source.config(), layout, folder, stored, source.folder(), provenance);
            return layout;
        }
    }

    /** Rows of q/k/v/gate/up and columns of o/down that a layer keeps (the same indices BlockPruner gathers). */
    static Map<Projection, int[]> keptIndices(LayerLayout.Layer before, GroupSelection s, int d, int layer) {
        int group = before.heads() / before.kvHeads();
        int[] kv = s.keptHeadGroups();
        int[] ch = s.keptChannels();
        if (kv[kv.length - 1] >= before.kvHeads() || ch[ch.length - 1] >= before.mlpWidth()) {
            throw new IllegalArgumentException("layer " + layer + ": kept indices exceed its widths " + before);
        }
        int[] kvRows = new int[kv.length * d];
        int[] qRows = new int[kv.length * group * d];
        int q = 0;
        for (int j = 0; j < kv.length; j++) {
            for (int r = 0; r < d; r++) {
                kvRows[j * d + r] = kv[j] * d + r;
            }
            for (int g = 0; g < group; g++) {
                int head = kv[j] * group + g;
                for (int r = 0; r < d; r++) {
                    qRows[q++] = head * d + r;
                }
            }
        }
        Map<Projection, int[]> keep = new java.util.EnumMap<>(Projection.class);
        keep.put(Projection.Q, qRows);
        keep.put(Projection.K, kvRows);
        keep.put(Projection.V, kvRows);
        keep.put(Projection.O, qRows);
        keep.put(Projection.GATE, ch);
        keep.put(Projection.UP, ch);
        keep.put(Projection.DOWN, ch);
        return keep;
    }

    /** Writing progress by tensors written (sizes vary, but a block's tensors come together). */
    private static final class Progress {
        private final PruneListener listener;
        private final int total;
        private int done;

        Progress(PruneListener listener, int total) {
            this.listener = listener;
            this.total = total;
        }

        void tensorDone() {
            listener.progress(PrunePhase.WRITING, Math.min(0.95, 0.95 * ++done / total));
        }
    }

    private static void add(SafetensorsWriter w, TensorSource src, NDManager manager, String from, String to,
                            DataType stored, int[] index, boolean columns, CancellationToken cancel, Progress progress) {
        DataType target = LlamaModelWriter.storedAs(to, stored);
        long[] shape = src.shape(from).clone();
        if (index != null) {
            shape[columns ? 1 : 0] = index.length;
        }
        w.add(to, SafetensorsDtype.of(target), shape, out -> {
            cancel.throwIfCancelled();
            try (NDManager scope = manager.newSubManager()) {
                writeTensor(out, src, scope, from, target, index, columns);
            }
            progress.tensorDone();
        });
    }

    /**
     * Streams one tensor in {@code target} dtype, optionally only the given rows / columns. The
     * values go through the conversions the in-memory path makes (stored dtype to F32 exactly,
     * then to {@code target}), so the bytes are the same.
     */
    private static void writeTensor(OutputStream out, TensorSource src, NDManager scope, String name, DataType target,
                                    int[] index, boolean columns) throws IOException {
        // as stored when the dtype matches (a view of the mapping), else converted as the model path does
        NDArray a = src.load(name, scope, target);
        ByteBuffer b = a.toByteBuffer();
        if (b.order() != java.nio.ByteOrder.LITTLE_ENDIAN) {
            throw new IOException("tensor data of " + name + " is not little-endian");
        }
        int es = target.getNumOfBytes();
        long[] shape = src.shape(name);
        if (index == null) {
            byte[] chunk = new byte[1 << 20];
            while (b.hasRemaining()) {
                int n = Math.min(chunk.length, b.remaining());
                b.get(chunk, 0, n);
                out.write(chunk, 0, n);
            }
            return;
        }
        int rows = (int) shape[0];
        int cols = (int) shape[1];
        if (columns) {
            byte[] row = new byte[cols * es];
            byte[] kept = new byte[index.length * es];
            for (int r = 0; r < rows; r++) {
                b.get(r * cols * es, row);
                for (int c = 0; c < index.length; c++) {
                    System.arraycopy(row, index[c] * es, kept, c * es, es);
                }
                out.write(kept);
            }
        } else {
            byte[] row = new byte[cols * es];
            for (int r : index) {
                b.get(r * cols * es, row);
                out.write(row);
            }
        }
    }

}

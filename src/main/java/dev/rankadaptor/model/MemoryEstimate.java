package dev.rankadaptor.model;

import ai.djl.ndarray.types.DataType;
import dev.rankadaptor.checkpoint.LayerLayout;
import dev.rankadaptor.checkpoint.LlamaConfig;
import dev.rankadaptor.common.Check;
import dev.rankadaptor.common.InvalidFieldException;

import java.util.Locale;

/**
 * How much device memory a model needs, computed from its actual per-layer widths: weights at a
 * dtype, the key/value cache for a context length and batch, and (optionally) LoRA training state.
 * Users decide from this whether a pruned 7B model fits their GPU before starting a long search;
 * it is an estimate (framework overhead and allocator slack are not included), labelled as such.
 */
public record MemoryEstimate(String dtype, int contextLength, int batchSize, int loraRank,
                             long weightBytes, long kvCacheBytes, long loraStateBytes, long activationBytes) {

    public MemoryEstimate {
        Check.positive("context length", contextLength);
        Check.positive("batch size", batchSize);
        Check.nonNegative("LoRA rank", loraRank);
        if (weightBytes < 0 || kvCacheBytes < 0 || loraStateBytes < 0 || activationBytes < 0) {
            throw new InvalidFieldException("memory estimate", "byte counts must be >= 0");
        }
    }

    /** Weights plus KV cache: what generation and scoring need. */
    public static MemoryEstimate inference(LlamaConfig config, LayerLayout layout, DataType dtype,
                                           int contextLength, int batchSize) {
        int bytes = bytesPer(dtype);
        return new MemoryEstimate(name(dtype), contextLength, batchSize, 0,
                layout.parameterCount(config) * bytes, kvCache(config, layout, bytes, contextLength, batchSize), 0, 0);
    }

    /**
     * Frozen weights at {@code dtype} plus LoRA adapters of rank {@code rank} on all seven projections
     * of every layer, trained in F32 with Adam (weight, gradient, two moments: 16 bytes per parameter),
     * plus the activations autograd keeps for backward and the F32 logits.
     */
    public static MemoryEstimate loraTraining(LlamaConfig config, LayerLayout layout, DataType dtype,
                                              int sequenceLength, int batchSize, int rank) {
        Check.positive("LoRA rank", rank);
        int bytes = bytesPer(dtype);
        long h = config.hiddenSize();
        long d = config.headDim();
        long adapterParams = 0;
        long activationsPerToken = 0;
        for (LayerLayout.Layer l : layout.layers()) {
            long q = l.heads() * d;
            long kv = l.kvHeads() * d;
            long m = l.mlpWidth();
            adapterParams += rank * ((h + q) + 2 * (h + kv) + (q + h) + 2 * (h + m) + (m + h));
            activationsPerToken += 4 * h + 2 * q + 2 * kv + (long) l.heads() * sequenceLength + 4 * m;
        }
        long tokens = (long) sequenceLength * batchSize;
        long activations = tokens * activationsPerToken * bytes + 2L * tokens * config.vocabSize() * 4;
        return new MemoryEstimate(name(dtype), sequenceLength, batchSize, rank,
                layout.parameterCount(config) * bytes, 0, adapterParams * 16, activations);
    }

    private static long kvCache(LlamaConfig config, LayerLayout layout, int bytes, int context, int batch) {
        long perToken = 0;
        for (LayerLayout.Layer l : layout.layers()) {
            perToken += 2L * l.kvHeads() * config.headDim();
        }
        return perToken * context * batch * bytes;
    }

    private static int bytesPer(DataType dtype) {
        return switch (dtype) {
            case FLOAT32, FLOAT16, BFLOAT16 -> dtype.getNumOfBytes();
            default -> throw new InvalidFieldException("dtype", "expected float32, float16 or bfloat16, was " + dtype);
        };
    }

    private static String name(DataType dtype) {
        return dtype == DataType.FLOAT32 ? "F32" : dtype == DataType.FLOAT16 ? "F16" : "BF16";
    }

    public long totalBytes() {
        return weightBytes + kvCacheBytes + loraStateBytes + activationBytes;
    }

    /** One line for the CLI and the GUI, e.g. "weights 12.55 GiB (F16) + KV cache 1.00 GiB (...) = 13.55 GiB". */
    public String format() {
        StringBuilder sb = new StringBuilder();
        sb.append("weights ").append(human(weightBytes)).append(" (").append(dtype).append(')');
        if (kvCacheBytes > 0) {
            sb.append(" + KV cache ").append(human(kvCacheBytes)).append(" (context ").append(contextLength)
                    .append(" x batch ").append(batchSize).append(')');
        }
        if (loraRank > 0) {
            sb.append(" + LoRA r=").append(loraRank).append(" state ").append(human(loraStateBytes))
                    .append(" + activations ").append(human(activationBytes)).append(" (sequence ")
                    .append(contextLength).append(" x batch ").append(batchSize).append(')');
        }
        return sb.append(" = ").append(human(totalBytes())).append(" (estimate)").toString();
    }

    /** Binary units with two decimals: 1536 -> "1.50 KiB". */
    public static String human(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.2f %s", v, units[u]);
    }
}

package dev.rankadaptor.prune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.rankadaptor.checkpoint.LayerLayout;
import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.model.LayerWeights;
import dev.rankadaptor.model.LlamaModel;
import dev.rankadaptor.model.Projection;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * LLM-Pruner's Taylor importance of coupled groups (paper Eq. 2, reference-facts §2): per-element
 * scores from the causal-LM loss on the calibration windows, summed over each group's members.
 * A kv-head group is the kv head's k/v rows plus, for each query head reading it, its q rows and
 * o_proj columns; an MLP channel is its gate row, up row and down column.
 */
public final class TaylorImportance {
    private TaylorImportance() {
    }

    /**
     * Scores the groups of {@code layers} block by block ({@link LayerwiseTaylor}): memory near the
     * model's stored size; reports progress in {@link PrunePhase#IMPORTANCE}.
     */
    public static ImportanceScores compute(LlamaModel model, Collection<Integer> layers, ImportanceKind kind,
                                           CalibrationWindows cal, PruneListener listener, CancellationToken cancel) {
        Map<Integer, LayerImportance> out = new HashMap<>();
        int total = Math.max(1, layers.size());
        LayerwiseTaylor.walk(model, layers, kind.needsSecondOrder(), false, cal,
                (i, stored, stats, scratch) -> out.put(i, layerScores(model, stats, i, stored, kind)),
                done -> listener.progress(PrunePhase.IMPORTANCE, done / (double) total), cancel);
        listener.progress(PrunePhase.IMPORTANCE, 1.0);
        return new ImportanceScores(kind, cal.size(), cal.window(), out);
    }

    /**
     * The same scores from one backward over the whole model per chunk, holding every scored
     * weight's gradient and sums at once (F32 weights needed): the reference the layer-wise path is
     * tested against.
     */
    static ImportanceScores computeWholeModel(LlamaModel model, Collection<Integer> layers, ImportanceKind kind,
                                              CalibrationWindows cal, PruneListener listener, CancellationToken cancel) {
        Map<String, NDArray> weights = new LinkedHashMap<>();
        for (int i : layers) {
            for (Projection p : Projection.values()) {
                weights.put(p.weightName(i), model.layer(i).weight(p));
            }
        }
        Map<Integer, LayerImportance> out = new HashMap<>();
        try (GradientStats stats = GradientStats.collect(model, weights, cal, kind.needsSecondOrder(),
                f -> listener.progress(PrunePhase.IMPORTANCE, 0.95 * f), cancel)) {
            for (int i : layers) {
                cancel.throwIfCancelled();
                out.put(i, layerScores(model, stats, i, model.layer(i), kind));
            }
        }
        listener.progress(PrunePhase.IMPORTANCE, 1.0);
        return new ImportanceScores(kind, cal.size(), cal.window(), out);
    }

    private static LayerImportance layerScores(LlamaModel model, GradientStats stats, int i, LayerWeights w,
                                               ImportanceKind kind) {
        LayerLayout.Layer l = model.layout().layer(i);
        int d = model.config().headDim();
        int group = l.heads() / l.kvHeads();
        Map<Projection, float[]> sums = new HashMap<>();
        for (Projection p : Projection.values()) {
            // one projection's temporaries at a time
            try (NDManager scratch = model.manager().newSubManager()) {
                NDArray s = stats.elementImportance(p.weightName(i), w.weight(p), kind, scratch);
                // rows (output channels) for q/k/v/gate/up; columns (input channels) for o/down
                int axis = p == Projection.O || p == Projection.DOWN ? 0 : 1;
                sums.put(p, s.sum(new int[]{axis}).toFloatArray());
            }
        }
        double[] heads = new double[l.kvHeads()];
        for (int kv = 0; kv < l.kvHeads(); kv++) {
            double score = sumRange(sums.get(Projection.K), kv * d, d) + sumRange(sums.get(Projection.V), kv * d, d);
            for (int q = kv * group; q < (kv + 1) * group; q++) {
                score += sumRange(sums.get(Projection.Q), q * d, d) + sumRange(sums.get(Projection.O), q * d, d);
            }
            heads[kv] = score;
        }
        double[] channels = new double[l.mlpWidth()];
        float[] gate = sums.get(Projection.GATE);
        float[] up = sums.get(Projection.UP);
        float[] down = sums.get(Projection.DOWN);
        for (int c = 0; c < channels.length; c++) {
            channels[c] = (double) gate[c] + up[c] + down[c];
        }
        return new LayerImportance(i, heads, channels);
    }

    private static double sumRange(float[] a, int from, int len) {
        double s = 0;
        for (int j = from; j < from + len; j++) {
            s += a[j];
        }
        return s;
    }
}

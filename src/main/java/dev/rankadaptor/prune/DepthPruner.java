package dev.rankadaptor.prune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.core.Linear;
import dev.rankadaptor.checkpoint.Checkpoint;
import dev.rankadaptor.checkpoint.LayerLayout;
import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.model.LayerWeights;
import dev.rankadaptor.model.LlamaModel;
import dev.rankadaptor.model.ModelStep;
import dev.rankadaptor.model.Projection;
import dev.rankadaptor.train.CausalLmLoss;
import dev.rankadaptor.train.TokenBatch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Depth pruning as in Shortened LLaMA: score every unprotected decoder block (Taylor: sum of
 * |W * dL/dW| over the block's weights; or the calibration perplexity of the model without the
 * block), remove the k lowest-scored blocks, and renumber the rest. Protected blocks are never
 * scored or removed.
 *
 * <p>Memory stays near the checkpoint's stored size, as for block pruning: the model's weights stay
 * in their stored dtype and each block is widened to F32 only while it computes. Taylor scores come
 * from the block-by-block backward of {@link LayerwiseTaylor} (one block's gradients at a time, the
 * norms' gradients included); perplexity scores from no-grad passes that share the blocks below the
 * skipped one; the output is streamed from the source file by {@link PrunedCheckpointWriter}.
 */
public final class DepthPruner {
    /** Calibration windows per forward pass when measuring perplexity. */
    static final int PPL_BATCH = 10;

    private DepthPruner() {
    }

    /**
     * Score per block (NaN where protected); lower means safer to remove. The model may hold its
     * weights in F16 or F32; scores are computed in F32 either way.
     */
    public static double[] blockScores(LlamaModel model, SortedSet<Integer> protectedLayers, DepthCriterion criterion,
                                       CalibrationWindows cal, PruneListener listener, CancellationToken cancel) {
        double[] scores = new double[model.numLayers()];
        Arrays.fill(scores, Double.NaN);
        List<Integer> candidates = allBut(model.numLayers(), protectedLayers);
        if (criterion == DepthCriterion.TAYLOR) {
            int total = Math.max(1, candidates.size());
            LayerwiseTaylor.walk(model, candidates, false, true, cal,
                    (i, stored, stats, scratch) -> scores[i] = taylorScore(i, stored, stats, scratch),
                    done -> listener.progress(PrunePhase.SCORING_BLOCKS, done / (double) total), cancel);
        } else {
            skippedPerplexities(model, candidates, cal, scores, listener, cancel);
        }
        listener.progress(PrunePhase.SCORING_BLOCKS, 1.0);
        return scores;
    }

    /** Block indices 0..layers-1 not in {@code excluded}, ascending (the scored blocks; the kept ones). */
    static List<Integer> allBut(int layers, SortedSet<Integer> excluded) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            if (!excluded.contains(i)) {
                out.add(i);
            }
        }
        return out;
    }

    /** Sum of |W * g| over block {@code i}'s weights (projections, then the two norms), one weight at a time. */
    static double taylorScore(int i, LayerWeights w, GradientStats stats, NDManager parent) {
        double s = 0;
        for (Map.Entry<String, NDArray> e : blockWeights(i, w).entrySet()) {
            try (NDManager scratch = parent.newSubManager()) {
                s += stats.elementImportance(e.getKey(), e.getValue(), ImportanceKind.ELEMENT1, scratch).sum().getFloat();
            }
        }
        return s;
    }

    /** Block {@code i}'s weights by name: the seven projections, then the input and post-attention norms. */
    static Map<String, NDArray> blockWeights(int i, LayerWeights w) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (Projection p : Projection.values()) {
            out.put(p.weightName(i), w.weight(p));
        }
        out.put(LayerwiseTaylor.inputNormName(i), w.inputNorm());
        out.put(LayerwiseTaylor.postNormName(i), w.postNorm());
        return out;
    }

    /** Indices of the k lowest finite scores, ascending (ties: lower index first). */
    static List<Integer> lowest(double[] scores, int k) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            if (!Double.isNaN(scores[i])) {
                idx.add(i);
            }
        }
        idx.sort(Comparator.<Integer>comparingDouble(i -> scores[i]).thenComparingInt(i -> i));
        List<Integer> out = new ArrayList<>(idx.subList(0, Math.min(k, idx.size())));
        out.sort(Integer::compare);
        return out;
    }

    /**
     * Writes the checkpoint without {@code removed} blocks into {@code folder}, streaming the kept
     * blocks (renumbered 0..n-k-1) tensor by tensor from the source file; returns the new layout.
     */
    static LayerLayout write(Checkpoint source, Collection<Integer> removed, DataType stored, Path folder,
                             Map<String, String> provenance, PruneListener listener, CancellationToken cancel) {
        List<Integer> kept = allBut(source.layout().size(), new TreeSet<>(removed));
        return PrunedCheckpointWriter.write(source, kept, Map.of(), stored, folder, provenance, listener, cancel);
    }

    /**
     * The calibration perplexity of the model with each candidate block skipped, each window scored
     * on its own (the same numbers as {@link dev.rankadaptor.model.Perplexity} over their
     * concatenation with window = their length), {@link #PPL_BATCH} windows per pass. No gradients;
     * the hidden states entering block j are computed once and shared by every candidate above it.
     */
    private static void skippedPerplexities(LlamaModel model, List<Integer> candidates, CalibrationWindows cal,
                                            double[] scores, PruneListener listener, CancellationToken cancel) {
        if (candidates.isEmpty()) {
            return;
        }
        int n = cal.size();
        List<TokenBatch> batches = new ArrayList<>();
        for (int i = 0; i < n; i += PPL_BATCH) {
            batches.add(GradientStats.chunk(cal, i, Math.min(PPL_BATCH, n - i)));
        }
        DataType f32 = DataType.FLOAT32;
        int top = model.numLayers();
        int last = candidates.get(candidates.size() - 1);
        TreeSet<Integer> wanted = new TreeSet<>(candidates);
        try (ModelStep step = model.newStep()) {
            NDManager sm = step.manager();
            LlamaModel.Positions pos = model.positions(sm, batches.get(0).length(), f32);
            NDArray[] prefix = new NDArray[batches.size()];
            for (int c = 0; c < prefix.length; c++) {
                prefix[c] = model.embed(batches.get(c).inputs(sm), f32);
            }
            NDArray head = model.lmHead();
            NDArray head32 = head.getDataType() == f32 ? head : head.toType(f32, true);
            int done = 0;
            for (int j = 0; j <= last; j++) {
                if (wanted.contains(j)) {
                    NDArray[] h = prefix.clone();
                    for (int k = j + 1; k < top; k++) {
                        LayerwiseTaylor.forwardBlock(model, k, h, pos, sm, k > j + 1, cancel);
                    }
                    scores[j] = perplexity(model, batches, h, head32, sm, cancel);
                    for (int c = 0; c < h.length; c++) {
                        if (h[c] != prefix[c]) {
                            h[c].close();
                        }
                    }
                    listener.progress(PrunePhase.SCORING_BLOCKS, ++done / (double) candidates.size());
                }
                if (j < last) {
                    LayerwiseTaylor.forwardBlock(model, j, prefix, pos, sm, true, cancel);
                }
            }
        }
    }

    /** exp of the token-weighted mean causal-LM loss of the chunks whose last block's outputs are {@code h}. */
    private static double perplexity(LlamaModel model, List<TokenBatch> batches, NDArray[] h, NDArray head32,
                                     NDManager sm, CancellationToken cancel) {
        double nll = 0;
        long count = 0;
        for (int c = 0; c < h.length; c++) {
            cancel.throwIfCancelled();
            TokenBatch b = batches.get(c);
            try (NDManager s = sm.newSubManager()) {
                s.tempAttachAll(h[c]);
                NDArray logits = Linear.linear(model.finalHidden(h[c]), head32).singletonOrThrow()
                        .toType(DataType.FLOAT32, false);
                NDArray loss = CausalLmLoss.loss(logits, b.targets(s), b.mask(s));
                int tokens = b.trainedTokens();
                nll += loss.getFloat() * (double) tokens;
                count += tokens;
            }
        }
        return Math.exp(nll / count);
    }
}

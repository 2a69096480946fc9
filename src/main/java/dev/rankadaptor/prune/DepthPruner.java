package dev.rankadaptor.prune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.rankadaptor.checkpoint.LayerLayout;
import dev.rankadaptor.checkpoint.LlamaConfig;
import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.model.LlamaModel;
import dev.rankadaptor.model.LlamaModels;
import dev.rankadaptor.model.ModelStep;
import dev.rankadaptor.model.Projection;
import dev.rankadaptor.train.CausalLmLoss;
import dev.rankadaptor.train.TokenBatch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Depth pruning as in Shortened LLaMA: score every unprotected decoder block (Taylor: sum of
 * |W * dL/dW| over the block's weights; or the calibration perplexity of the model without the
 * block), remove the k lowest-scored blocks, and renumber the rest. Protected blocks are never
 * scored or removed.
 */
public final class DepthPruner {
    /** Calibration windows per forward pass when measuring perplexity. */
    static final int PPL_BATCH = 10;

    private DepthPruner() {
    }

    /**
     * The pruned model (caller closes it; its config has the new layer count), the score of every
     * original block (NaN for protected ones) and the removed original indices, ascending.
     */
    public record Result(LlamaModel model, double[] blockScores, List<Integer> removedBlocks) {
    }

    public static Result prune(LlamaModel model, PruningPlan plan, DepthCriterion criterion, CalibrationWindows cal,
                               PruneListener listener, CancellationToken cancel) {
        if (plan.method() != PruningMethod.DEPTH) {
            throw new IllegalArgumentException("DepthPruner needs a DEPTH plan, got " + plan.method());
        }
        if (!plan.layoutBefore().equals(model.layout())) {
            throw new IllegalArgumentException("the plan was made for a different layout than the model's");
        }
        double[] scores = blockScores(model, plan.protectedLayers(), criterion, cal, listener, cancel);
        List<Integer> removed = lowest(scores, plan.blocksToRemove());
        return new Result(removeBlocks(model, removed, listener, cancel), scores, removed);
    }

    /** Score per block (NaN where protected); lower means safer to remove. */
    public static double[] blockScores(LlamaModel model, SortedSet<Integer> protectedLayers, DepthCriterion criterion,
                                       CalibrationWindows cal, PruneListener listener, CancellationToken cancel) {
        double[] scores = new double[model.numLayers()];
        Arrays.fill(scores, Double.NaN);
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < model.numLayers(); i++) {
            if (!protectedLayers.contains(i)) {
                candidates.add(i);
            }
        }
        if (criterion == DepthCriterion.TAYLOR) {
            taylor(model, candidates, cal, scores, listener, cancel);
        } else {
            for (int j = 0; j < candidates.size(); j++) {
                int block = candidates.get(j);
                try (LlamaModel view = withoutBlocks(model, Set.of(block))) {
                    scores[block] = perplexity(view, cal, cancel);
                }
                listener.progress(PrunePhase.SCORING_BLOCKS, (j + 1.0) / candidates.size());
            }
        }
        return scores;
    }

    private static void taylor(LlamaModel model, List<Integer> blocks, CalibrationWindows cal, double[] scores,
                               PruneListener listener, CancellationToken cancel) {
        Map<String, NDArray> weights = new LinkedHashMap<>();
        for (int i : blocks) {
            weights.putAll(blockWeights(model, i));
        }
        try (GradientStats stats = GradientStats.collect(model, weights, cal, false,
                f -> listener.progress(PrunePhase.SCORING_BLOCKS, 0.95 * f), cancel)) {
            for (int i : blocks) {
                double s = 0;
                try (NDManager scratch = model.manager().newSubManager()) {
                    for (Map.Entry<String, NDArray> e : blockWeights(model, i).entrySet()) {
                        s += stats.elementImportance(e.getKey(), e.getValue(), ImportanceKind.ELEMENT1, scratch)
                                .sum().getFloat();
                    }
                }
                scores[i] = s;
            }
        }
        listener.progress(PrunePhase.SCORING_BLOCKS, 1.0);
    }

    private static Map<String, NDArray> blockWeights(LlamaModel model, int i) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (Projection p : Projection.values()) {
            out.put(p.weightName(i), model.layer(i).weight(p));
        }
        out.put("model.layers." + i + ".input_layernorm.weight", model.layer(i).inputNorm());
        out.put("model.layers." + i + ".post_attention_layernorm.weight", model.layer(i).postNorm());
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

    /** A new, independent model without the given blocks; the rest renumbered 0..n-k-1. */
    public static LlamaModel removeBlocks(LlamaModel model, Collection<Integer> blocks, PruneListener listener,
                                          CancellationToken cancel) {
        TreeSet<Integer> gone = new TreeSet<>(blocks);
        try (ArrayTensorSource src = new ArrayTensorSource(model.manager())) {
            Map<String, NDArray> renamed = renumbered(model, gone);
            int j = 0;
            for (Map.Entry<String, NDArray> e : renamed.entrySet()) {
                cancel.throwIfCancelled();
                src.put(e.getKey(), e.getValue().duplicate());
                listener.progress(PrunePhase.PRUNING, ++j / (double) renamed.size());
            }
            return LlamaModels.load(shortened(model.config(), model.numLayers() - gone.size()), keptLayout(model, gone),
                    src, model.manager().getDevice(), model.dtype());
        }
    }

    /** The same model with blocks skipped, sharing its arrays (close the view before using the model). */
    static LlamaModel withoutBlocks(LlamaModel model, Set<Integer> blocks) {
        return LlamaModels.load(shortened(model.config(), model.numLayers() - blocks.size()),
                keptLayout(model, blocks), new SharedTensorSource(renumbered(model, blocks)),
                model.manager().getDevice(), model.dtype());
    }

    private static Map<String, NDArray> renumbered(LlamaModel model, Set<Integer> blocks) {
        TreeSet<Integer> gone = new TreeSet<>(blocks);
        Map<String, NDArray> out = new LinkedHashMap<>();
        String prefix = "model.layers.";
        for (Map.Entry<String, NDArray> e : model.namedWeights().entrySet()) {
            String name = e.getKey();
            if (!name.startsWith(prefix)) {
                out.put(name, e.getValue());
                continue;
            }
            int dot = name.indexOf('.', prefix.length());
            int i = Integer.parseInt(name.substring(prefix.length(), dot));
            if (!gone.contains(i)) {
                int newIndex = i - gone.headSet(i).size();
                out.put(prefix + newIndex + name.substring(dot), e.getValue());
            }
        }
        return out;
    }

    private static LayerLayout keptLayout(LlamaModel model, Set<Integer> gone) {
        List<LayerLayout.Layer> out = new ArrayList<>();
        for (int i = 0; i < model.numLayers(); i++) {
            if (!gone.contains(i)) {
                out.add(model.layout().layer(i));
            }
        }
        return new LayerLayout(out);
    }

    /** The config with a new layer count (everything else unchanged). */
    static LlamaConfig shortened(LlamaConfig c, int layers) {
        return new LlamaConfig(c.hiddenSize(), c.intermediateSize(), c.numAttentionHeads(), c.numKeyValueHeads(),
                layers, c.vocabSize(), c.headDim(), c.rmsNormEps(), c.ropeTheta(), c.tieWordEmbeddings(),
                c.maxPositionEmbeddings(), c.bosTokenId(), c.eosTokenId(), c.torchDtype());
    }

    /**
     * Perplexity over the calibration windows, each scored on its own (the same numbers as
     * {@link dev.rankadaptor.model.Perplexity} over their concatenation with window = their
     * length), computed a batch of windows per forward pass.
     */
    static double perplexity(LlamaModel model, CalibrationWindows cal, CancellationToken cancel) {
        double nll = 0;
        long count = 0;
        int n = cal.size();
        for (int i = 0; i < n; i += PPL_BATCH) {
            cancel.throwIfCancelled();
            List<TokenBatch.Example> ex = new ArrayList<>();
            for (int j = i; j < Math.min(n, i + PPL_BATCH); j++) {
                ex.add(TokenBatch.Example.plain(cal.windows().get(j)));
            }
            TokenBatch batch = TokenBatch.of(ex, 0);
            try (ModelStep step = model.newStep()) {
                NDManager m = step.manager();
                NDArray loss = CausalLmLoss.loss(model.forward(batch.inputs(m), null, false), batch.targets(m), batch.mask(m));
                int tokens = batch.trainedTokens();
                nll += loss.getFloat() * (double) tokens;
                count += tokens;
            }
        }
        return Math.exp(nll / count);
    }
}

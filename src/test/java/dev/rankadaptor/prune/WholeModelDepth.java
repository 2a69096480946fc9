package dev.rankadaptor.prune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.rankadaptor.checkpoint.LayerLayout;
import dev.rankadaptor.checkpoint.LlamaConfig;
import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.model.LlamaModel;
import dev.rankadaptor.model.LlamaModels;
import dev.rankadaptor.model.ModelStep;
import dev.rankadaptor.train.CausalLmLoss;
import dev.rankadaptor.train.TokenBatch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The depth-pruning path the layer-wise one replaced, kept as the tests' reference: an F32 model
 * with whole-model gradients for Taylor block scores, a full forward of a view without the block for
 * perplexity scores, and an in-memory copy of the kept blocks for the output.
 */
final class WholeModelDepth {
    private WholeModelDepth() {
    }

    /** Block scores (NaN where protected) of an F32 model, as {@link DepthPruner#blockScores} defines them. */
    static double[] blockScores(LlamaModel model, SortedSet<Integer> protectedLayers, DepthCriterion criterion,
                                CalibrationWindows cal) {
        double[] scores = new double[model.numLayers()];
        Arrays.fill(scores, Double.NaN);
        List<Integer> candidates = DepthPruner.allBut(model.numLayers(), protectedLayers);
        if (criterion == DepthCriterion.PERPLEXITY) {
            for (int block : candidates) {
                try (LlamaModel view = withoutBlocks(model, Set.of(block))) {
                    scores[block] = perplexity(view, cal);
                }
            }
            return scores;
        }
        Map<String, NDArray> weights = new LinkedHashMap<>();
        for (int i : candidates) {
            weights.putAll(DepthPruner.blockWeights(i, model.layer(i)));
        }
        try (GradientStats stats = GradientStats.collect(model, weights, cal, false, f -> { }, CancellationToken.none())) {
            for (int i : candidates) {
                double s = 0;
                try (NDManager scratch = model.manager().newSubManager()) {
                    for (Map.Entry<String, NDArray> e : DepthPruner.blockWeights(i, model.layer(i)).entrySet()) {
                        s += stats.elementImportance(e.getKey(), e.getValue(), ImportanceKind.ELEMENT1, scratch)
                                .sum().getFloat();
                    }
                }
                scores[i] = s;
            }
        }
        return scores;
    }

    /** A new, independent model without the given blocks; the rest renumbered 0..n-k-1. */
    static LlamaModel removeBlocks(LlamaModel model, Collection<Integer> blocks) {
        try (ArrayTensorSource src = new ArrayTensorSource(model.manager())) {
            for (Map.Entry<String, NDArray> e : renumbered(model, new TreeSet<>(blocks)).entrySet()) {
                src.put(e.getKey(), e.getValue().duplicate());
            }
            return LlamaModels.load(shortened(model.config(), model.numLayers() - blocks.size()),
                    keptLayout(model, new TreeSet<>(blocks)), src, model.manager().getDevice(), model.dtype());
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
                out.put(prefix + (i - gone.headSet(i).size()) + name.substring(dot), e.getValue());
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

    private static LlamaConfig shortened(LlamaConfig c, int layers) {
        return new LlamaConfig(c.hiddenSize(), c.intermediateSize(), c.numAttentionHeads(), c.numKeyValueHeads(),
                layers, c.vocabSize(), c.headDim(), c.rmsNormEps(), c.ropeTheta(), c.tieWordEmbeddings(),
                c.maxPositionEmbeddings(), c.bosTokenId(), c.eosTokenId(), c.torchDtype());
    }

    /** Perplexity over the windows, each on its own, {@link DepthPruner#PPL_BATCH} windows per full forward. */
    private static double perplexity(LlamaModel model, CalibrationWindows cal) {
        double nll = 0;
        long count = 0;
        for (int i = 0; i < cal.size(); i += DepthPruner.PPL_BATCH) {
            TokenBatch batch = GradientStats.chunk(cal, i, Math.min(DepthPruner.PPL_BATCH, cal.size() - i));
            try (ModelStep step = model.newStep()) {
                NDManager m = step.manager();
                NDArray loss = CausalLmLoss.loss(model.forward(batch.inputs(m), null, false), batch.targets(m), batch.mask(m));
                nll += loss.getFloat() * (double) batch.trainedTokens();
                count += batch.trainedTokens();
            }
        }
        return Math.exp(nll / count);
    }
}

package dev.rankadaptor.prune;

import dev.rankadaptor.checkpoint.LayerLayout;
import dev.rankadaptor.checkpoint.LlamaConfig;
import dev.rankadaptor.common.InvalidFieldException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SortedSet;

/**
 * Shape-only planning: what a pruning configuration does to a model's widths and parameter count,
 * from the config and the current layout alone (no weights), so the user sees the result before
 * anything runs. Width rule of LLM-Pruner: n_pruned = out - int(out * (1 - ratio)) channels; for
 * attention the root is the k/v projection (GQA: q heads follow their kv head in groups), so
 * n_pruned // head_dim whole kv heads go. LLaMA-7B at 0.25 on layers 4..29: 24 heads, MLP 8256.
 */
public final class PrunedWidths {
    private PrunedWidths() {
    }

    /** Plans {@code cfg} for a model with this config and current per-layer widths. */
    public static PruningPlan plan(PruningConfig cfg, LlamaConfig config, LayerLayout layout, int bytesPerParameter) {
        if (bytesPerParameter <= 0) {
            throw new InvalidFieldException("bytes_per_parameter", "must be > 0, was " + bytesPerParameter);
        }
        SortedSet<Integer> prot = cfg.resolveProtected(layout.size());
        return cfg.method() == PruningMethod.BLOCK
                ? planBlock(cfg, config, layout, prot, bytesPerParameter)
                : planDepth(cfg, config, layout, prot, bytesPerParameter);
    }

    /** Channels left of {@code out} at {@code ratio} (LLM-Pruner rounding), never below 1. */
    public static int keptChannels(int out, double ratio) {
        return Math.max(1, (int) (out * (1.0 - ratio)));
    }

    /** One layer's widths after block pruning at {@code ratio}. */
    public static LayerLayout.Layer prunedLayer(LayerLayout.Layer l, int headDim, double ratio) {
        int group = l.heads() / l.kvHeads();
        int rootChannels = l.kvHeads() * headDim;
        int nPruned = rootChannels - (int) (rootChannels * (1.0 - ratio));
        int kvAfter = Math.max(1, l.kvHeads() - nPruned / headDim);
        return new LayerLayout.Layer(kvAfter * group, kvAfter, keptChannels(l.mlpWidth(), ratio));
    }

    private static PruningPlan planBlock(PruningConfig cfg, LlamaConfig config, LayerLayout layout,
                                         SortedSet<Integer> prot, int bpp) {
        long before = layout.parameterCount(config);
        double ratio;
        if (cfg.localRatio() != null) {
            ratio = cfg.localRatio();
        } else {
            ratio = solveLocalRatio(cfg.targetGlobalRatio(), config, layout, prot);
        }
        List<LayerPlan> rows = blockRows(config, layout, prot, ratio);
        long after = total(config, rows);
        boolean any = rows.stream().anyMatch(LayerPlan::narrowed);
        if (!any) {
            throw new InvalidFieldException(cfg.localRatio() != null ? "local_ratio" : "target_ratio", String.format(
                    Locale.ROOT, "%.4f is too small to remove a single head or MLP channel from this model", ratio));
        }
        return new PruningPlan(PruningMethod.BLOCK, config, ratio, cfg.targetGlobalRatio(), prot, rows, 0, before,
                after, bpp);
    }

    private static List<LayerPlan> blockRows(LlamaConfig config, LayerLayout layout, SortedSet<Integer> prot,
                                             double ratio) {
        long h = config.hiddenSize();
        long d = config.headDim();
        List<LayerPlan> rows = new ArrayList<>();
        for (int i = 0; i < layout.size(); i++) {
            LayerLayout.Layer b = layout.layer(i);
            boolean p = prot.contains(i);
            LayerLayout.Layer a = p ? b : prunedLayer(b, config.headDim(), ratio);
            rows.add(new LayerPlan(i, p, b, a, LayerLayout.layerParameters(b, h, d), LayerLayout.layerParameters(a, h, d)));
        }
        return rows;
    }

    private static long total(LlamaConfig config, List<LayerPlan> rows) {
        long h = config.hiddenSize();
        long t = (long) config.vocabSize() * h + h;
        if (!config.tieWordEmbeddings()) {
            t += (long) config.vocabSize() * h;
        }
        for (LayerPlan r : rows) {
            t += r.removed() ? 0 : r.paramsAfter();
        }
        return t;
    }

    /**
     * The local ratio whose plan removes the share of parameters closest to {@code target}:
     * bisection for the smallest ratio reaching the target, then the step just below it if that
     * lands closer. Refuses a target beyond what pruning every prunable layer to one kv-head group
     * and one MLP channel can reach.
     */
    public static double solveLocalRatio(double target, LlamaConfig config, LayerLayout layout, SortedSet<Integer> prot) {
        long before = layout.parameterCount(config);
        double top = 1.0 - 1e-12;
        double max = reduction(config, layout, prot, top, before);
        if (target > max) {
            throw new InvalidFieldException("target_ratio", String.format(Locale.ROOT,
                    "%.2f%% cannot be met: pruning every prunable layer (%d of %d) down to one head group and one "
                            + "MLP channel removes at most %.2f%% of the parameters; lower the target or protect fewer layers",
                    100 * target, layout.size() - prot.size(), layout.size(), 100 * max));
        }
        double lo = 0;
        double hi = top;
        for (int it = 0; it < 200 && hi - lo > 1e-12; it++) {
            double mid = (lo + hi) / 2;
            if (reduction(config, layout, prot, mid, before) >= target) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        double rHi = reduction(config, layout, prot, hi, before);
        double rLo = reduction(config, layout, prot, lo, before);
        return lo > 0 && rLo > 0 && target - rLo < rHi - target ? lo : hi;
    }

    private static double reduction(LlamaConfig config, LayerLayout layout, SortedSet<Integer> prot, double ratio,
                                    long before) {
        return 1.0 - (double) total(config, blockRows(config, layout, prot, ratio)) / before;
    }

    private static PruningPlan planDepth(PruningConfig cfg, LlamaConfig config, LayerLayout layout,
                                         SortedSet<Integer> prot, int bpp) {
        long before = layout.parameterCount(config);
        long h = config.hiddenSize();
        long d = config.headDim();
        List<Integer> prunable = new ArrayList<>();
        for (int i = 0; i < layout.size(); i++) {
            if (!prot.contains(i)) {
                prunable.add(i);
            }
        }
        // smallest blocks first: the plan's saving is a lower bound when blocks differ in size
        prunable.sort(Comparator.comparingLong(i -> LayerLayout.layerParameters(layout.layer(i), h, d)));
        int k;
        String field;
        if (cfg.localRatio() != null) {
            field = "local_ratio";
            k = (int) (layout.size() * cfg.localRatio());
        } else {
            field = "target_ratio";
            k = 0;
            double best = Double.MAX_VALUE;
            long removed = 0;
            for (int j = 0; j < prunable.size(); j++) {
                removed += LayerLayout.layerParameters(layout.layer(prunable.get(j)), h, d);
                double err = Math.abs((double) removed / before - cfg.targetGlobalRatio());
                if (err < best) {
                    best = err;
                    k = j + 1;
                }
            }
        }
        if (k < 1) {
            throw new InvalidFieldException(field, "removes no block of " + layout.size()
                    + ": depth pruning needs a ratio of at least 1/" + layout.size());
        }
        if (k > prunable.size()) {
            throw new InvalidFieldException(field, "cannot be met: it needs " + k + " blocks removed but only "
                    + prunable.size() + " are not protected");
        }
        java.util.Set<Integer> gone = new java.util.HashSet<>(prunable.subList(0, k));
        List<LayerPlan> rows = new ArrayList<>();
        for (int i = 0; i < layout.size(); i++) {
            LayerLayout.Layer b = layout.layer(i);
            boolean r = gone.contains(i);
            long pb = LayerLayout.layerParameters(b, h, d);
            rows.add(new LayerPlan(i, prot.contains(i), b, r ? null : b, pb, r ? 0 : pb));
        }
        double local = (double) k / layout.size();
        return new PruningPlan(PruningMethod.DEPTH, config, local, cfg.targetGlobalRatio(), prot, rows, k, before,
                total(config, rows), bpp);
    }
}

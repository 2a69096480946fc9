package dev.rankadaptor.prune;

import dev.rankadaptor.checkpoint.LayerLayout;
import dev.rankadaptor.checkpoint.LlamaConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedSet;

/**
 * The shape of a pruning run, computed before any weight is read: per-layer widths and parameter
 * counts before and after, and memory at the given bytes per parameter. For block pruning it is
 * exact. For depth pruning which blocks go depends on importance, so {@code after} is the layout
 * with the {@code blocksToRemove} smallest prunable blocks removed (exact when those blocks have the
 * same size, a lower bound on the saving otherwise); {@link DepthPruner} reports the actual result.
 */
public record PruningPlan(
        PruningMethod method,
        LlamaConfig config,
        double localRatio,
        Double targetGlobalRatio,
        SortedSet<Integer> protectedLayers,
        List<LayerPlan> layers,
        int blocksToRemove,
        long paramsBefore,
        long paramsAfter,
        int bytesPerParameter) {

    public PruningPlan {
        layers = List.copyOf(layers);
    }

    /** The layout the pruned model will have (removed blocks dropped, remaining ones renumbered). */
    public LayerLayout layoutAfter() {
        List<LayerLayout.Layer> out = new ArrayList<>();
        for (LayerPlan l : layers) {
            if (!l.removed()) {
                out.add(l.after());
            }
        }
        return new LayerLayout(out);
    }

    public LayerLayout layoutBefore() {
        List<LayerLayout.Layer> out = new ArrayList<>();
        for (LayerPlan l : layers) {
            out.add(l.before());
        }
        return new LayerLayout(out);
    }

    /** Share of parameters removed, 0..1. */
    public double achievedGlobalRatio() {
        return 1.0 - (double) paramsAfter / paramsBefore;
    }

    public long bytesBefore() {
        return paramsBefore * bytesPerParameter;
    }

    public long bytesAfter() {
        return paramsAfter * bytesPerParameter;
    }

    /** Indices of the layers pruning may change. */
    public List<Integer> prunableLayers() {
        List<Integer> out = new ArrayList<>();
        for (LayerPlan l : layers) {
            if (!l.isProtected()) {
                out.add(l.index());
            }
        }
        return out;
    }

    /** A fixed-width text table: one row per layer, then totals. */
    public String toTable() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "method %s, local ratio %.4f%s, protected layers %s%n", method,
                localRatio, targetGlobalRatio == null ? "" : String.format(Locale.ROOT, " (target global %.2f%%)",
                        100 * targetGlobalRatio), protectedLayers));
        if (method == PruningMethod.DEPTH) {
            sb.append("blocks to remove: ").append(blocksToRemove)
                    .append(" (which ones is decided by importance; rows below assume the smallest)\n");
        }
        sb.append(String.format(Locale.ROOT, "%5s  %-9s  %15s  %15s  %13s  %13s%n", "layer", "status",
                "heads/kv", "mlp", "params", "params after"));
        for (LayerPlan l : layers) {
            String status = l.isProtected() ? "protected" : l.removed() ? "removed" : l.narrowed() ? "pruned" : "kept";
            String heads = l.removed() ? l.before().heads() + "/" + l.before().kvHeads() + " -> -"
                    : l.before().heads() + "/" + l.before().kvHeads() + (l.narrowed() ? " -> " + l.after().heads() + "/"
                    + l.after().kvHeads() : "");
            String mlp = l.removed() ? l.before().mlpWidth() + " -> -"
                    : l.before().mlpWidth() + (l.narrowed() ? " -> " + l.after().mlpWidth() : "");
            sb.append(String.format(Locale.ROOT, "%5d  %-9s  %15s  %15s  %,13d  %,13d%n", l.index(), status, heads,
                    mlp, l.paramsBefore(), l.paramsAfter()));
        }
        sb.append(String.format(Locale.ROOT, "parameters: %,d -> %,d (%.2f%% of the original, %.2f%% removed)%n",
                paramsBefore, paramsAfter, 100.0 * paramsAfter / paramsBefore, 100 * achievedGlobalRatio()));
        sb.append(String.format(Locale.ROOT, "memory at %d bytes/parameter: %s -> %s%n", bytesPerParameter,
                human(bytesBefore()), human(bytesAfter())));
        return sb.toString();
    }

    static String human(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30));
        }
        if (bytes >= 1L << 20) {
            return String.format(Locale.ROOT, "%.2f MiB", bytes / (double) (1L << 20));
        }
        return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }
}

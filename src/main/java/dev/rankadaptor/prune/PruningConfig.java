package dev.rankadaptor.prune;

import dev.rankadaptor.common.Check;
import dev.rankadaptor.common.InvalidFieldException;

import java.nio.file.Path;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the user asked pruning to do. Exactly one of {@code targetGlobalRatio} (share of all model
 * parameters to remove; the planner solves for the local ratio) and {@code localRatio} (share of
 * each prunable layer's heads/channels, LLM-Pruner's {@code --pruning_ratio}; for depth pruning the
 * share of all blocks to remove) is set. {@code protectedLayers} null means the paper's default,
 * see {@link #resolveProtected(int)}. Checks that need the model (layer indices, reachability of a
 * target, calibration length) happen in {@link PrunedWidths} and {@link CalibrationWindows}.
 */
public record PruningConfig(
        PruningMethod method,
        Double targetGlobalRatio,
        Double localRatio,
        Set<Integer> protectedLayers,
        ImportanceKind importance,
        DepthCriterion depthCriterion,
        Path calibrationText,
        int samples,
        int window,
        long seed) {

    public static final int DEFAULT_SAMPLES = 10;
    public static final int DEFAULT_WINDOW = 64;

    public PruningConfig {
        Check.notNull("method", method);
        if ((targetGlobalRatio == null) == (localRatio == null)) {
            throw new InvalidFieldException("target_ratio",
                    "give exactly one of target_ratio (global share of parameters) and local_ratio (share per pruned layer)");
        }
        if (targetGlobalRatio != null) {
            Check.openRange("target_ratio", targetGlobalRatio, 0, 1);
        }
        if (localRatio != null) {
            Check.openRange("local_ratio", localRatio, 0, 1);
        }
        if (protectedLayers != null) {
            for (Integer i : protectedLayers) {
                if (i == null || i < 0) {
                    throw new InvalidFieldException("protected_layers", "layer indices must be >= 0, was " + i);
                }
            }
            protectedLayers = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(protectedLayers));
        }
        if (importance == null) {
            importance = ImportanceKind.ELEMENT1;
        }
        if (depthCriterion == null) {
            depthCriterion = DepthCriterion.TAYLOR;
        }
        Check.notNull("calibration_text", calibrationText);
        Check.inRange("samples", samples, 1, 100_000);
        Check.inRange("window", window, 2, 1 << 20);
    }

    /** Block-wise pruning at a local ratio with every other setting at its default. */
    public static PruningConfig blockLocal(double localRatio, Path calibrationText) {
        return new PruningConfig(PruningMethod.BLOCK, null, localRatio, null, ImportanceKind.ELEMENT1,
                DepthCriterion.TAYLOR, calibrationText, DEFAULT_SAMPLES, DEFAULT_WINDOW, 42);
    }

    /** Block-wise pruning towards a global parameter reduction with defaults elsewhere. */
    public static PruningConfig blockGlobal(double targetRatio, Path calibrationText) {
        return new PruningConfig(PruningMethod.BLOCK, targetRatio, null, null, ImportanceKind.ELEMENT1,
                DepthCriterion.TAYLOR, calibrationText, DEFAULT_SAMPLES, DEFAULT_WINDOW, 42);
    }

    public PruningConfig withMethod(PruningMethod m) {
        return new PruningConfig(m, targetGlobalRatio, localRatio, protectedLayers, importance, depthCriterion,
                calibrationText, samples, window, seed);
    }

    public PruningConfig withProtectedLayers(Set<Integer> layers) {
        return new PruningConfig(method, targetGlobalRatio, localRatio, layers, importance, depthCriterion,
                calibrationText, samples, window, seed);
    }

    public PruningConfig withImportance(ImportanceKind kind) {
        return new PruningConfig(method, targetGlobalRatio, localRatio, protectedLayers, kind, depthCriterion,
                calibrationText, samples, window, seed);
    }

    public PruningConfig withDepthCriterion(DepthCriterion c) {
        return new PruningConfig(method, targetGlobalRatio, localRatio, protectedLayers, importance, c,
                calibrationText, samples, window, seed);
    }

    public PruningConfig withCalibration(Path text, int samples, int window, long seed) {
        return new PruningConfig(method, targetGlobalRatio, localRatio, protectedLayers, importance, depthCriterion,
                text, samples, window, seed);
    }

    /**
     * The protected layer indices for a model of {@code numLayers} decoder layers. Default: the
     * first 4 and the last 2 (the paper's choice for 32-layer LLaMA) for models of 12 layers or more;
     * smaller models would keep too little to prune (an 8-layer model could lose at most ~17% of its
     * parameters), so there the paper's proportions are kept instead: the first ceil(L/8) and the
     * last ceil(L/16) layers (8 layers: the first and the last). Nothing for 2 layers or fewer. A
     * user set naming a layer that does not exist, or protecting every layer, is refused naming
     * {@code protected_layers}.
     */
    public SortedSet<Integer> resolveProtected(int numLayers) {
        TreeSet<Integer> out = new TreeSet<>();
        if (protectedLayers == null) {
            int first = numLayers >= 12 ? 4 : numLayers > 2 ? (numLayers + 7) / 8 : 0;
            int last = numLayers >= 12 ? 2 : numLayers > 2 ? (numLayers + 15) / 16 : 0;
            for (int i = 0; i < first; i++) {
                out.add(i);
            }
            for (int i = numLayers - last; i < numLayers; i++) {
                out.add(i);
            }
        } else {
            for (int i : protectedLayers) {
                if (i >= numLayers) {
                    throw new InvalidFieldException("protected_layers", "layer " + i
                            + " does not exist: the model has layers 0.." + (numLayers - 1));
                }
                out.add(i);
            }
        }
        if (out.size() >= numLayers) {
            throw new InvalidFieldException("protected_layers", "protects all " + numLayers
                    + " layers, leaving nothing to prune: leave at least one layer unprotected");
        }
        return out;
    }
}

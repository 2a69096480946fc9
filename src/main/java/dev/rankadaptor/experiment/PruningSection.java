package dev.rankadaptor.experiment;

import dev.rankadaptor.common.InvalidFieldException;

import java.util.List;
import java.util.TreeSet;

/**
 * The project file's {@code pruning} section: how the checkpoint is structurally pruned before
 * recovery. Kept as plain validated values (not the pruner's own config) so that the file format
 * stays stable while the pruning code evolves; the runner maps it onto the pruner.
 *
 * @param method          "block" (LLM-Pruner style widths) or "depth" (whole decoder blocks removed)
 * @param ratioKind       "global" (fraction of all parameters removed) or "local" (fraction of each pruned layer's width)
 * @param ratio           in (0, 1)
 * @param protectedLayers layers never pruned; 0-based, negative counts from the end (-1 = last layer)
 * @param importance      "element1" (first-order Taylor), "element2" (second-order) or "mix"
 * @param calibrationFile text file with calibration text, relative to the project folder or absolute
 * @param samples         calibration windows N (&gt;= 1)
 * @param window          tokens per calibration window (&gt;= 2)
 * @param seed            seed of the calibration window draw
 * @param depthCriterion  how depth pruning scores a block: "taylor" (Shortened LLaMA's Taylor+) or "ppl"
 *                        (calibration perplexity with the block skipped); ignored by block pruning
 */
public record PruningSection(String method, String ratioKind, double ratio, List<Integer> protectedLayers,
                             String importance, String calibrationFile, int samples, int window, long seed,
                             String depthCriterion) {
    public static final List<String> METHODS = List.of("block", "depth");
    public static final List<String> RATIO_KINDS = List.of("global", "local");
    public static final List<String> IMPORTANCES = List.of("element1", "element2", "mix");
    public static final List<String> DEPTH_CRITERIA = List.of("taylor", "ppl");

    /** With the Taylor depth criterion. */
    public PruningSection(String method, String ratioKind, double ratio, List<Integer> protectedLayers,
                          String importance, String calibrationFile, int samples, int window, long seed) {
        this(method, ratioKind, ratio, protectedLayers, importance, calibrationFile, samples, window, seed, "taylor");
    }

    public PruningSection {
        depthCriterion = Fields.oneOf("pruning.depth_criterion", depthCriterion == null ? "taylor" : depthCriterion,
                DEPTH_CRITERIA);
        method = Fields.oneOf("pruning.method", method, METHODS);
        ratioKind = Fields.oneOf("pruning.ratio_kind", ratioKind, RATIO_KINDS);
        Fields.inside("pruning.ratio", ratio, 0.0, 1.0);
        protectedLayers = Fields.list("pruning.protected_layers", protectedLayers);
        Fields.distinct("pruning.protected_layers", protectedLayers);
        importance = Fields.oneOf("pruning.importance", importance, IMPORTANCES);
        calibrationFile = Fields.required("pruning.calibration_file", calibrationFile);
        Fields.between("pruning.samples", samples, 1, 100_000);
        Fields.atLeast("pruning.window", window, 2);
    }

    /** The paper's setup: block-wise, 20% global, layers 0-3 and the last two protected, element1, N = 10 windows of 64 tokens. */
    public static PruningSection withDefaults(String calibrationFile) {
        return new PruningSection("block", "global", 0.2, List.of(0, 1, 2, 3, -2, -1), "element1",
                calibrationFile, 10, 64, 42);
    }

    /** A copy with another method ("block" or "depth"); validated like the original. */
    public PruningSection withMethod(String newMethod) {
        return new PruningSection(newMethod, ratioKind, ratio, protectedLayers, importance, calibrationFile, samples, window, seed, depthCriterion);
    }

    /** A copy with another ratio kind ("global" or "local"). */
    public PruningSection withRatioKind(String newKind) {
        return new PruningSection(method, newKind, ratio, protectedLayers, importance, calibrationFile, samples, window, seed, depthCriterion);
    }

    /** A copy with another ratio in (0, 1). */
    public PruningSection withRatio(double newRatio) {
        return new PruningSection(method, ratioKind, newRatio, protectedLayers, importance, calibrationFile, samples, window, seed, depthCriterion);
    }

    /** A copy with other protected layers (0-based, negative from the end). */
    public PruningSection withProtectedLayers(List<Integer> layers) {
        return new PruningSection(method, ratioKind, ratio, layers, importance, calibrationFile, samples, window, seed, depthCriterion);
    }

    /** A copy with another importance criterion. */
    public PruningSection withImportance(String newImportance) {
        return new PruningSection(method, ratioKind, ratio, protectedLayers, newImportance, calibrationFile, samples, window, seed, depthCriterion);
    }

    /** A copy with another calibration file (as written: relative to the project folder or absolute). */
    public PruningSection withCalibrationFile(String file) {
        return new PruningSection(method, ratioKind, ratio, protectedLayers, importance, file, samples, window, seed, depthCriterion);
    }

    /** A copy with another number of calibration windows N. */
    public PruningSection withSamples(int newSamples) {
        return new PruningSection(method, ratioKind, ratio, protectedLayers, importance, calibrationFile, newSamples, window, seed, depthCriterion);
    }

    /** A copy with another depth criterion ("taylor" or "ppl"). */
    public PruningSection withDepthCriterion(String criterion) {
        return new PruningSection(method, ratioKind, ratio, protectedLayers, importance, calibrationFile, samples, window, seed, criterion);
    }

    /**
     * The protected layers as 0-based indices of a model with {@code layerCount} layers, ascending;
     * an index outside the model is an error naming the entry.
     */
    public int[] protectedLayerIndices(int layerCount) {
        TreeSet<Integer> out = new TreeSet<>();
        for (int i = 0; i < protectedLayers.size(); i++) {
            int v = protectedLayers.get(i);
            int idx = v < 0 ? layerCount + v : v;
            if (idx < 0 || idx >= layerCount) {
                throw new InvalidFieldException("pruning.protected_layers[" + i + "]",
                        "layer " + v + " does not exist in a model with " + layerCount + " layers");
            }
            out.add(idx);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The layers that are pruned (and get searched LoRA ranks): every layer not protected, ascending. */
    public int[] prunableLayerIndices(int layerCount) {
        int[] prot = protectedLayerIndices(layerCount);
        boolean[] isProt = new boolean[layerCount];
        for (int p : prot) {
            isProt[p] = true;
        }
        int[] out = new int[layerCount - prot.length];
        int k = 0;
        for (int i = 0; i < layerCount; i++) {
            if (!isProt[i]) {
                out[k++] = i;
            }
        }
        return out;
    }
}

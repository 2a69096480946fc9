package dev.rankadaptor.ui.pruning;

import dev.rankadaptor.common.Check;
import dev.rankadaptor.common.InvalidFieldException;

import java.util.Set;

/**
 * The pruning settings as the Pruning panel edits them, validated with the same messages the
 * project file uses: method, ratio and its kind (global share of all parameters, or local share of
 * each prunable layer), the prunable layer range (inclusive, 0-based; layers outside are
 * protected), importance criterion, calibration file and samples.
 */
public record PruningChoice(String method, String ratioKind, double ratio, int firstPrunable, int lastPrunable,
                            String importance, String calibrationFile, int calibrationSamples, int layerCount) {
    public static final Set<String> METHODS = Set.of("block-wise", "depth");
    public static final Set<String> RATIO_KINDS = Set.of("global", "local");
    public static final Set<String> IMPORTANCE = Set.of("element1", "element2", "mix");

    public PruningChoice {
        if (!METHODS.contains(method)) {
            throw new InvalidFieldException("pruning.method", "must be one of " + METHODS + ", was " + method);
        }
        if (!RATIO_KINDS.contains(ratioKind)) {
            throw new InvalidFieldException("pruning.ratio_kind", "must be one of " + RATIO_KINDS + ", was " + ratioKind);
        }
        Check.openRange("pruning.ratio", ratio, 0.0, 1.0);
        Check.positive("layers", layerCount);
        Check.inRange("pruning.firstPrunable", firstPrunable, 0, layerCount - 1);
        Check.inRange("pruning.lastPrunable", lastPrunable, firstPrunable, layerCount - 1);
        if (!IMPORTANCE.contains(importance)) {
            throw new InvalidFieldException("pruning.importance", "must be one of " + IMPORTANCE + ", was " + importance);
        }
        if (calibrationFile == null || calibrationFile.isBlank()) {
            throw new InvalidFieldException("pruning.calibration_file", "name a text file with calibration text");
        }
        Check.inRange("pruning.calibrationSamples", calibrationSamples, 1, 100_000);
    }

    public int prunableLayers() {
        return lastPrunable - firstPrunable + 1;
    }

    /** Layers outside the prunable range, ascending. */
    public java.util.SortedSet<Integer> protectedLayers() {
        java.util.TreeSet<Integer> out = new java.util.TreeSet<>();
        for (int i = 0; i < layerCount; i++) {
            if (i < firstPrunable || i > lastPrunable) {
                out.add(i);
            }
        }
        return out;
    }
}

package dev.rankadaptor.experiment;

import dev.rankadaptor.common.InvalidFieldException;

import java.util.List;
import java.util.Locale;

/**
 * Where the defaults of a project come from, chosen by project.json's top-level {@code "preset"}.
 * {@link #PAPER} (the default) follows the RankAdaptor paper where it speaks: candidate ranks
 * {2,4,...,12} (§4.1); block pruning of layers 4-29 (0-based) of a 32-layer model and 4-35 of a
 * 40-layer one (§4.1, "layers 5-30 / 5-36"); on those shapes the paper's local ratios 25 / 32 / 38 /
 * 63.5 % of the pruned layers for the global 20 / 25 / 30 / 50 %; depth pruning removing floor(ratio x layers)
 * blocks, as Shortened LLaMA does (6 of 32 for 20 %). {@link #NONE} keeps the tool's own choices:
 * candidate ranks {2..12}, a global ratio solved for the exact share of parameters, and depth
 * pruning removing the block count closest to that share. See docs/project-file.md.
 */
public enum Preset {
    PAPER, NONE;

    /** The paper's global rates (§4.1) and the local ratios of the middle layers that attain them. */
    private static final double[][] PAPER_LOCAL = {{0.20, 0.25}, {0.25, 0.32}, {0.30, 0.38}, {0.50, 0.635}};

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Preset parse(String field, String value) {
        for (Preset p : values()) {
            if (p.id().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return p;
            }
        }
        throw new InvalidFieldException(field, "must be paper or none, was '" + value + "'");
    }

    /** Default candidate ranks. */
    public List<Integer> candidateRanks() {
        return this == PAPER ? List.of(2, 4, 6, 8, 10, 12) : List.of(2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
    }

    /**
     * Default protected layers for a model of {@code layerCount} layers (null = not known): the
     * first 4 and the last 2, or with the paper preset the last 4 of a 40-layer model (LLaMA-13B).
     */
    public List<Integer> protectedLayers(Integer layerCount) {
        if (this == PAPER && layerCount != null && layerCount == 40) {
            return List.of(0, 1, 2, 3, -4, -3, -2, -1);
        }
        return List.of(0, 1, 2, 3, -2, -1);
    }

    /**
     * The local ratio the paper uses for a global block-pruning ratio, or null when the preset has
     * none for it (then the planner solves for the global share). The paper's ratios belong to its
     * layer selection, so they apply to its shapes only: 26 of 32 layers pruned (LLaMA-7B,
     * Vicuna-7B, LLaMA3-8B) or 32 of 40 (LLaMA-13B); on any other model (e.g. the 8-layer demo)
     * the share of parameters is solved for.
     */
    public Double paperLocalRatio(double globalRatio, int layers, int prunedLayers) {
        boolean paperShape = (layers == 32 && prunedLayers == 26) || (layers == 40 && prunedLayers == 32);
        if (this != PAPER || !paperShape) {
            return null;
        }
        for (double[] row : PAPER_LOCAL) {
            if (Math.abs(row[0] - globalRatio) < 1e-9) {
                return row[1];
            }
        }
        return null;
    }

    /** True when depth pruning counts blocks, floor(ratio x layers), as Shortened LLaMA does. */
    public boolean depthCountsBlocks() {
        return this == PAPER;
    }
}

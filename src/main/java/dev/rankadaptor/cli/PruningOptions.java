package dev.rankadaptor.cli;

import dev.rankadaptor.common.InvalidFieldException;
import dev.rankadaptor.prune.DepthCriterion;
import dev.rankadaptor.prune.ImportanceKind;
import dev.rankadaptor.prune.PruningConfig;
import dev.rankadaptor.prune.PruningMethod;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** Pruning flags shared by plan and prune. */
final class PruningOptions {
    @Option(names = "--method", defaultValue = "block", description = "block (LLM-Pruner) or depth (Shortened LLaMA)")
    String method;

    @Option(names = "--ratio", description = "global target: share of all parameters to remove, e.g. 0.2")
    Double ratio;

    @Option(names = "--local-ratio", description = "local ratio applied to every prunable layer, e.g. 0.25")
    Double localRatio;

    @Option(names = "--protect", split = ",", description = "protected layer indices (0-based; default first 4 and last 2)")
    Set<Integer> protect;

    @Option(names = "--importance", defaultValue = "element1", description = "element1, element2 or mix")
    String importance;

    @Option(names = "--depth-criterion", defaultValue = "taylor", description = "depth pruning scores: taylor or ppl")
    String depthCriterion;

    @Option(names = "--calibration", description = "calibration text file (required to prune; the plan needs none)")
    Path calibration;

    @Option(names = "--samples", defaultValue = "10")
    int samples;

    @Option(names = "--window", defaultValue = "64")
    int window;

    @Option(names = "--seed", defaultValue = "42")
    long seed;

    PruningConfig toConfig() {
        if (ratio == null && localRatio == null) {
            throw new InvalidFieldException("--ratio", "give --ratio (global) or --local-ratio");
        }
        PruningMethod m = switch (method.toLowerCase(Locale.ROOT)) {
            case "block" -> PruningMethod.BLOCK;
            case "depth" -> PruningMethod.DEPTH;
            default -> throw new InvalidFieldException("--method", "expected block or depth, was " + method);
        };
        ImportanceKind imp;
        try {
            imp = ImportanceKind.valueOf(importance.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("--importance", "expected element1, element2 or mix, was " + importance);
        }
        DepthCriterion dc = switch (depthCriterion.toLowerCase(Locale.ROOT)) {
            case "taylor" -> DepthCriterion.TAYLOR;
            case "ppl", "perplexity" -> DepthCriterion.PERPLEXITY;
            default -> throw new InvalidFieldException("--depth-criterion", "expected taylor or ppl, was " + depthCriterion);
        };
        Path calib = calibration != null ? calibration : Path.of("calibration-not-given.txt");
        return new PruningConfig(m, ratio, localRatio, protect == null ? null : new TreeSet<>(protect), imp, dc, calib,
                samples, window, seed);
    }
}

package dev.rankadaptor.prune;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rankadaptor.common.AtomicFiles;
import dev.rankadaptor.common.Json;

import java.nio.file.Path;
import java.util.Map;

/**
 * provenance.json of a pruned checkpoint: where it came from (source folder and SHA-256 of its
 * weight files), the exact configuration and seed, the importance score of every group (or block)
 * and which were removed, and phase timings. Enough to explain and to repeat the run.
 */
public final class PruneProvenance {
    public static final String FILE = "provenance.json";
    public static final String FORMAT = "rankadaptor-prune-provenance";

    private PruneProvenance() {
    }

    static ObjectNode toJson(Path source, Map<String, String> sourceHashes, PruningConfig cfg, String calibrationSha256,
                             PruningPlan plan, ImportanceScores scores, Map<Integer, GroupSelection> kept,
                             double[] blockScores, java.util.List<Integer> removedBlocks, long parametersAfter,
                             Map<PrunePhase, Long> millis) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("format", FORMAT);
        root.put("version", 1);
        ObjectNode src = root.putObject("source");
        src.put("checkpoint", source.toAbsolutePath().toString());
        ObjectNode hashes = src.putObject("sha256");
        sourceHashes.forEach(hashes::put);
        ObjectNode c = root.putObject("config");
        c.put("method", cfg.method().name().toLowerCase(java.util.Locale.ROOT));
        if (cfg.targetGlobalRatio() != null) {
            c.put("target_ratio", cfg.targetGlobalRatio());
        }
        if (cfg.localRatio() != null) {
            c.put("local_ratio", cfg.localRatio());
        }
        ArrayNode prot = c.putArray("protected_layers");
        plan.protectedLayers().forEach(prot::add);
        c.put("importance", cfg.importance().name().toLowerCase(java.util.Locale.ROOT));
        c.put("depth_criterion", cfg.depthCriterion().name().toLowerCase(java.util.Locale.ROOT));
        c.put("calibration_text", cfg.calibrationText().toAbsolutePath().toString());
        c.put("calibration_sha256", calibrationSha256);
        c.put("samples", cfg.samples());
        c.put("window", cfg.window());
        c.put("seed", cfg.seed());
        ObjectNode p = root.putObject("plan");
        p.put("local_ratio", plan.localRatio());
        p.put("blocks_to_remove", plan.blocksToRemove());
        p.put("parameters_before", plan.paramsBefore());
        p.put("parameters_after", parametersAfter);
        p.put("removed_share", 1.0 - (double) parametersAfter / plan.paramsBefore());
        ObjectNode imp = root.putObject("importance");
        if (scores != null) {
            imp.put("kind", scores.kind().name().toLowerCase(java.util.Locale.ROOT));
            ArrayNode layers = imp.putArray("layers");
            for (LayerImportance l : scores.layers().values()) {
                ObjectNode o = layers.addObject();
                o.put("layer", l.layer());
                put(o.putArray("head_group_scores"), l.headGroups());
                put(o.putArray("channel_scores"), l.channels());
                GroupSelection s = kept.get(l.layer());
                if (s != null) {
                    put(o.putArray("removed_head_groups"), GroupSelection.removed(s.keptHeadGroups(), l.headGroups().length));
                    put(o.putArray("removed_channels"), GroupSelection.removed(s.keptChannels(), l.channels().length));
                }
            }
        }
        if (blockScores != null) {
            imp.put("kind", "block_" + cfg.depthCriterion().name().toLowerCase(java.util.Locale.ROOT));
            ArrayNode b = imp.putArray("block_scores");
            for (double v : blockScores) {
                if (Double.isNaN(v)) {
                    b.addNull();
                } else {
                    b.add(v);
                }
            }
            ArrayNode r = imp.putArray("removed_blocks");
            removedBlocks.forEach(r::add);
        }
        ObjectNode t = root.putObject("timings_ms");
        for (PrunePhase ph : PrunePhase.values()) {
            if (millis.containsKey(ph)) {
                t.put(ph.name().toLowerCase(java.util.Locale.ROOT), millis.get(ph));
            }
        }
        return root;
    }

    static void write(ObjectNode json, Path file) {
        AtomicFiles.writeString(file, json.toPrettyString() + "\n");
    }

    private static void put(ArrayNode a, double[] v) {
        for (double d : v) {
            a.add(d);
        }
    }

    private static void put(ArrayNode a, int[] v) {
        for (int d : v) {
            a.add(d);
        }
    }
}

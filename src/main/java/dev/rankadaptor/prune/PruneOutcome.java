package dev.rankadaptor.prune;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a finished pruning run produced: the checkpoint folder, the plan it followed, the actual
 * parameter count, what was removed (kept groups per layer for block pruning, removed blocks for
 * depth pruning) and how long each phase took.
 */
public record PruneOutcome(Path output, PruningPlan plan, long parametersAfter,
                           Map<Integer, GroupSelection> keptGroups, List<Integer> removedBlocks,
                           Map<PrunePhase, Long> phaseMillis) {
    public PruneOutcome {
        keptGroups = keptGroups == null ? Map.of() : Map.copyOf(keptGroups);
        removedBlocks = removedBlocks == null ? List.of() : List.copyOf(removedBlocks);
        phaseMillis = Map.copyOf(phaseMillis);
    }

    public long totalMillis() {
        return phaseMillis.values().stream().mapToLong(Long::longValue).sum();
    }
}

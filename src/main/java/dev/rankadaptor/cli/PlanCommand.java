package dev.rankadaptor.cli;

import dev.rankadaptor.prune.PruneJob;
import dev.rankadaptor.prune.PruningPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** The shape-only pruning plan: per-layer widths and parameter counts, no weights read. */
@Command(name = "plan", description = "Show the pruning plan (per-layer widths, parameters before/after) without running it.")
final class PlanCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "checkpoint folder")
    Path checkpoint;

    @Mixin
    PruningOptions options;

    @picocli.CommandLine.Mixin
    MemoryLimitOption memoryLimit;

    @Mixin
    RecoveryMemoryOptions recovery;

    @Override
    public Integer call() {
        PruningPlan plan = PruneJob.plan(checkpoint, options.toConfig());
        System.out.println(plan.toTable());
        try (dev.rankadaptor.checkpoint.Checkpoint ck = dev.rankadaptor.checkpoint.Checkpoint.open(checkpoint)) {
            // prune with the flags above, then training and evaluation on the pruned widths, for the project's settings
            System.out.println(recovery.report(ck, options.toConfig()).text());
        }
        return 0;
    }
}

package dev.rankadaptor.cli;

import dev.rankadaptor.experiment.ProjectFile;
import dev.rankadaptor.experiment.RunDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Starts a new run of a project: prune, search, baselines, repeats, report. */
@Command(name = "search", description = "Start a RankAdaptor run for a project.json (prune, search, baselines, report).")
final class SearchCommand implements Callable<Integer> {
    @Mixin
    ExecutionOptions execution;

    @Parameters(index = "0", description = "project.json")
    Path project;

    @picocli.CommandLine.Mixin
    MemoryLimitOption memoryLimit;

    @picocli.CommandLine.Option(names = "--gradient-checkpointing",
            description = "set recovery.gradient_checkpointing for this run (recompute each block in backward: less memory)")
    boolean gradientCheckpointing;

    @Override
    public Integer call() {
        ProjectFile read = ProjectFile.read(project);
        ProjectFile pf = read.with(read.project().withExecution(execution.apply(read.project().execution())));
        if (gradientCheckpointing) {
            pf = pf.with(pf.project().withRecovery(pf.project().recovery().withGradientCheckpointing(true)));
        }
        try (RunDirectory dir = RunDirectory.create(pf)) {
            return RunCommands.execute(dir, pf, pf.project().execution());
        }
    }
}

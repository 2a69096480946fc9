package dev.rankadaptor.cli;

import dev.rankadaptor.experiment.RunDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Continues a run from its journal (after a crash, a kill, a stop or a cancel). */
@Command(name = "resume", description = "Resume a run from its journal; finished trials are kept and not re-run.")
final class ResumeCommand implements Callable<Integer> {
    @Mixin
    ExecutionOptions execution;

    @Parameters(index = "0", description = "run folder (runs/<id>)")
    Path runDir;

    @Override
    public Integer call() {
        try (RunDirectory dir = RunDirectory.open(runDir)) {
            var pf = dir.projectForResume();
            return RunCommands.execute(dir, pf, execution.apply(pf.project().execution()));
        }
    }
}

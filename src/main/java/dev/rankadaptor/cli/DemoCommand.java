package dev.rankadaptor.cli;

import dev.rankadaptor.experiment.ProjectFile;
import dev.rankadaptor.experiment.RunDirectory;
import dev.rankadaptor.pipeline.DemoProject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** The bundled tiny-LLaMA demo end to end, headless: prune, baselines, search, report. */
@Command(name = "demo", description = "Run the bundled tiny-llama-demo project end to end (headless).")
final class DemoCommand implements Callable<Integer> {
    @Mixin
    ExecutionOptions execution;

    @Option(names = "--project", description = "demo project.json (default: sample-projects/tiny-llama-demo/project.json)")
    Path project;

    @Override
    public Integer call() {
        Path p = project != null ? project : DemoProject.projectFile();
        ProjectFile read = ProjectFile.read(p);
        ProjectFile pf = read.with(read.project().withExecution(execution.apply(read.project().execution())));
        try (RunDirectory dir = RunDirectory.create(pf)) {
            return RunCommands.execute(dir, pf, pf.project().execution());
        }
    }
}

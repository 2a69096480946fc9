package dev.rankadaptor.cli;

import dev.rankadaptor.common.UserInputException;
import dev.rankadaptor.experiment.ProjectFile;
import dev.rankadaptor.experiment.RunDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.Callable;

/** The bundled tiny-LLaMA demo end to end, headless: prune, baselines, search, report. */
@Command(name = "demo", description = "Run the bundled tiny-llama-demo project end to end (headless).")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--project", description = "demo project.json (default: sample-projects/tiny-llama-demo/project.json)")
    Path project;

    @Override
    public Integer call() {
        Path p = project != null ? project : demoProject();
        ProjectFile pf = ProjectFile.read(p);
        try (RunDirectory dir = RunDirectory.create(pf)) {
            return RunCommands.execute(dir, pf);
        }
    }

    /** The demo project under the installation folder (rankadaptor.home) or the working folder. */
    static Path demoProject() {
        String home = System.getProperty("rankadaptor.home");
        Path base = home != null ? Paths.get(home) : Paths.get("").toAbsolutePath();
        Path p = base.resolve("sample-projects/tiny-llama-demo/project.json");
        if (!Files.isRegularFile(p)) {
            throw new UserInputException("demo project not found at " + p + ": run from the repository folder or pass --project");
        }
        return p;
    }
}

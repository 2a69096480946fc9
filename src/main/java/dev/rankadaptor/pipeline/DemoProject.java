package dev.rankadaptor.pipeline;

import dev.rankadaptor.common.UserInputException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Finds the bundled demo project: under the installation folder (rankadaptor.home) or the working folder. */
public final class DemoProject {
    public static final String RELATIVE = "sample-projects/tiny-llama-demo/project.json";

    private DemoProject() {
    }

    public static Path projectFile() {
        String home = System.getProperty("rankadaptor.home");
        Path base = home != null ? Paths.get(home) : Paths.get("").toAbsolutePath();
        Path p = base.resolve(RELATIVE);
        if (!Files.isRegularFile(p)) {
            throw new UserInputException("demo project not found at " + p
                    + ": run from the repository folder (or set -Drankadaptor.home) or pass --project");
        }
        return p;
    }
}

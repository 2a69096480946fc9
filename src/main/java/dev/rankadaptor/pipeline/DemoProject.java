package dev.rankadaptor.pipeline;

import dev.rankadaptor.common.UserInputException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;

/** Finds the bundled demo project: under the installation folder (rankadaptor.home) or the working folder. */
public final class DemoProject {
    public static final String RELATIVE = "sample-projects/tiny-llama-demo/project.json";

    private DemoProject() {
    }

    /** System property naming the installation folder (set by the launcher). */
    public static final String HOME_PROPERTY = "rankadaptor.home";

    /** The installation folder: {@code rankadaptor.home}, else the working folder. */
    public static Path home() {
        String h = System.getProperty(HOME_PROPERTY);
        return (h == null || h.isBlank() ? Paths.get("") : Paths.get(h)).toAbsolutePath().normalize();
    }

    /** The demo project file, if this installation has it. */
    public static Optional<Path> find() {
        Path p = home().resolve(RELATIVE);
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    /** The demo project file, or a message saying where it was looked for. */
    public static Path projectFile() {
        Path p = home().resolve(RELATIVE);
        if (!Files.isRegularFile(p)) {
            throw new UserInputException("demo project not found at " + p
                    + ": run from the repository folder (or set -Drankadaptor.home) or pass --project");
        }
        return p;
    }
}

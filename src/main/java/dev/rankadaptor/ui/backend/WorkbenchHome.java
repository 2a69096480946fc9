package dev.rankadaptor.ui.backend;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the workbench finds the bundled sample projects: the folder named by the system property
 * {@code rankadaptor.home} (set by launch scripts), else the working folder. First launch opens the
 * tiny LLaMA demo from there.
 */
public final class WorkbenchHome {
    public static final String PROPERTY = "rankadaptor.home";
    public static final String DEMO = "sample-projects/tiny-llama-demo/project.json";

    private WorkbenchHome() {
    }

    public static Path home() {
        String h = System.getProperty(PROPERTY);
        return (h == null || h.isBlank() ? Path.of("") : Path.of(h)).toAbsolutePath().normalize();
    }

    /** The demo project file, if this installation has it. */
    public static Optional<Path> demoProject() {
        Path p = home().resolve(DEMO);
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }
}

package dev.rankadaptor.ui.backend;

import dev.rankadaptor.pipeline.DemoProject;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the workbench finds the bundled sample projects: the folder named by the system property
 * {@code rankadaptor.home} (set by launch scripts), else the working folder. First launch opens the
 * tiny LLaMA demo from there.
 */
public final class WorkbenchHome {
    public static final String PROPERTY = DemoProject.HOME_PROPERTY;
    public static final String DEMO = DemoProject.RELATIVE;

    private WorkbenchHome() {
    }

    public static Path home() {
        return DemoProject.home();
    }

    /** The demo project file, if this installation has it. */
    public static Optional<Path> demoProject() {
        return DemoProject.find();
    }
}

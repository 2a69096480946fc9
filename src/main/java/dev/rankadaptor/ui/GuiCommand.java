package dev.rankadaptor.ui;

import javafx.application.Application;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code rankadaptor gui [--project FILE]}: opens the JavaFX workbench (blocks until the window
 * closes). Without --project it opens the bundled tiny-llama-demo project found under
 * {@code rankadaptor.home} or the working folder. Lives in the ui package so only the ui package
 * imports JavaFX; the CLI registers it as a subcommand.
 */
@Command(name = "gui", description = "Open the RankAdaptor workbench (JavaFX).")
public final class GuiCommand implements Callable<Integer> {
    @Option(names = "--project", description = "project.json to open (default: the tiny-llama-demo sample project)")
    Path project;

    @Override
    public Integer call() {
        Application.launch(WorkbenchApp.class, arguments(project));
        return 0;
    }

    /** The application parameters for a project file (none = the demo). */
    static String[] arguments(Path project) {
        List<String> args = new ArrayList<>();
        if (project != null) {
            args.add("--project=" + project.toAbsolutePath());
        }
        return args.toArray(new String[0]);
    }
}

package dev.rankadaptor;

import dev.rankadaptor.cli.LibraryLogs;
import dev.rankadaptor.cli.RankAdaptorCli;
import dev.rankadaptor.ui.WorkbenchEntry;

/**
 * Entry point of the fat jar. No arguments (or "gui") opens the workbench; anything else is a
 * headless command. It is the composition root: the only place that hands the {@code ui} side to
 * the command line, and the place that routes library logs before any logger exists. This class must not extend Application: launched from a fat jar, a main
 * class that extends Application fails with "JavaFX runtime components are missing".
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || (args.length >= 1 && args[0].equals("gui"))) {
            if (java.awt.GraphicsEnvironment.isHeadless() && System.getenv("DISPLAY") == null
                    && System.getProperty("glass.platform") == null) {
                System.err.println("error: no display found for the workbench window. Run it under a desktop or with "
                        + "`xvfb-run -a ./rankadaptor`, or use the headless pipeline: `./rankadaptor demo` "
                        + "(see `./rankadaptor --help`).");
                System.exit(2);
            }
            args = args.length == 0 ? new String[]{"gui"} : args;
        }
        LibraryLogs.configure(LibraryLogs.verbose(args), args[0].startsWith("-") ? "rankadaptor" : args[0]);
        System.exit(RankAdaptorCli.execute(new WorkbenchEntry(), args));
    }
}

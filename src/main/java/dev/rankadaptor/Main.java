package dev.rankadaptor;

import dev.rankadaptor.cli.RankAdaptorCli;

/**
 * Entry point of the fat jar. No arguments (or "gui") opens the workbench; anything else is a
 * headless command. This class must not extend Application: launched from a fat jar, a main
 * class that extends Application fails with "JavaFX runtime components are missing".
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(RankAdaptorCli.execute(args));
    }
}

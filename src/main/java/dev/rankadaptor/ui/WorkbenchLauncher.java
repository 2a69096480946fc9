package dev.rankadaptor.ui;

import javafx.application.Application;

/**
 * Entry point for the GUI. A plain class (not an Application subclass) because a main class that
 * extends Application fails from a fat jar with "JavaFX runtime components are missing".
 */
public final class WorkbenchLauncher {
    private WorkbenchLauncher() {
    }

    public static void main(String[] args) {
        Application.launch(WorkbenchApp.class, args);
    }
}

package dev.rankadaptor.ui.form;

import dev.rankadaptor.experiment.Project;

/**
 * What the panels show before a project is opened: the project file's own defaults
 * ({@link Project#withDefaults}, the paper preset), with the demo project's file names. The panels
 * have no defaults of their own, so a new project saved from them equals {@code project.json}'s.
 */
public final class PanelDefaults {
    public static final Project PROJECT = Project.withDefaults("untitled", ".", "data/calibration.txt",
            "data/recovery_alpaca.json", "data/tasks");

    private PanelDefaults() {
    }
}

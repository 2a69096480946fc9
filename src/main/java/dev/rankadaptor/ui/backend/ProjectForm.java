package dev.rankadaptor.ui.backend;

import dev.rankadaptor.experiment.Project;
import dev.rankadaptor.ui.pruning.PruningViewModel;
import dev.rankadaptor.ui.recovery.RecoverySearchViewModel;

/**
 * Puts a project's sections into the panels and takes them back. The panels edit the sections
 * themselves (records, with their own validation), so settings the panels do not show (dropout,
 * warm-up, cutoff...) travel inside the records unchanged and Save writes exactly what was loaded
 * plus the user's edits. Building the project runs the project's own checks: an error names the
 * project-file field.
 */
public final class ProjectForm {
    private ProjectForm() {
    }

    /** Fills the pruning and recovery panels from a project. */
    public static void fill(Project p, PruningViewModel pruning, RecoverySearchViewModel recovery) {
        pruning.load(p.pruning(), p.presetKind());
        recovery.load(p);
    }

    /**
     * {@code base} (name, checkpoint, baselines, preset) with the panels' sections. Throws the first
     * refused edit's InvalidFieldException (or the project's own) naming the field.
     */
    public static Project build(Project base, PruningViewModel pruning, RecoverySearchViewModel recovery) {
        recovery.data().check();
        return new Project(base.name(), base.checkpoint(), pruning.section(), recovery.recovery(), recovery.search(),
                recovery.data().evaluation(), base.baselines(), recovery.device(), recovery.seed(), base.preset(),
                recovery.execution());
    }
}

package dev.rankadaptor.ui.workbench;

import dev.rankadaptor.reference.PaperReference;
import dev.rankadaptor.checkpoint.CheckpointInspector;
import dev.rankadaptor.ui.pruning.PruningPlanner;
import dev.rankadaptor.ui.run.RunController;

/**
 * The back-end seams the workbench needs, in one place so the application (or a test) wires them
 * once. {@code checkpointInspector} and {@code pruningPlanner} may be null while those packages are
 * not wired: the panels then say so instead of failing.
 */
public record WorkbenchServices(PaperReference reference, RunController runController,
                                CheckpointInspector checkpointInspector, PruningPlanner pruningPlanner) {
    public WorkbenchServices {
        if (reference == null || runController == null) {
            throw new IllegalArgumentException("reference and runController are required");
        }
    }
}

package dev.rankadaptor.ui;

import dev.rankadaptor.experiment.Project;
import dev.rankadaptor.experiment.ProjectFile;
import dev.rankadaptor.ui.backend.ProjectSession;
import dev.rankadaptor.ui.exec.SameThreadUiExecutor;
import dev.rankadaptor.ui.pruning.PruningViewModel;
import dev.rankadaptor.ui.recovery.RecoverySearchViewModel;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Recovery & Search panel's gradient-checkpointing check box shows and writes recovery.gradient_checkpointing. */
class GradientCheckpointingFormTest {
    @Test
    void theCheckBoxRoundTripsThroughTheProject() {
        Project demo = ProjectFile.read(Path.of("sample-projects/tiny-llama-demo/project.json")).project();
        Project on = demo.withRecovery(demo.recovery().withGradientCheckpointing(true));
        PruningViewModel pruning = new PruningViewModel(new SameThreadUiExecutor(), null);
        RecoverySearchViewModel recovery = new RecoverySearchViewModel();
        ProjectSession.fillPanels(on, pruning, recovery);
        assertTrue(recovery.gradientCheckpointingProperty().get());
        assertEquals(on, ProjectSession.buildProject(on, pruning, recovery));
        recovery.gradientCheckpointingProperty().set(false);
        assertFalse(ProjectSession.buildProject(on, pruning, recovery).recovery().gradientCheckpointing());
        ProjectSession.fillPanels(demo, pruning, recovery);
        assertFalse(recovery.gradientCheckpointingProperty().get());
    }
}

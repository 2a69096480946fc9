package dev.rankadaptor.pipeline;

import dev.rankadaptor.experiment.Project;
import dev.rankadaptor.experiment.ProjectFile;
import dev.rankadaptor.experiment.ProjectFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** recovery.gradient_checkpointing: default false, strict boolean, saved, and used by every trial's training settings. */
class GradientCheckpointingFieldTest {
    static final String MINIMAL = """
            {"schema_version": 1, "name": "demo", "checkpoint": "model",
             "pruning": {"calibration_file": "data/calibration.txt"},
             "recovery": {%s"data_file": "data/recovery.json"},
             "evaluation": {"task_folder": "data/tasks"}}
            """;

    @TempDir
    Path dir;

    @Test
    void defaultIsOffAndTheTrialTrainingFollowsTheField() throws Exception {
        Project off = ProjectFile.parse(MINIMAL.formatted(""), Path.of("project.json"));
        assertFalse(off.recovery().gradientCheckpointing());
        assertFalse(ProjectMapping.recovery(off.recovery(), 1).trainingSettings(0).gradientCheckpointing());
        Project on = ProjectFile.parse(MINIMAL.formatted("\"gradient_checkpointing\": true, "), Path.of("project.json"));
        assertTrue(on.recovery().gradientCheckpointing());
        assertTrue(ProjectMapping.recovery(on.recovery(), 1).trainingSettings(0).gradientCheckpointing());
        assertEquals(on.recovery(), off.recovery().withGradientCheckpointing(true));
        Path file = dir.resolve("project.json");
        ProjectFile.write(file, on);
        assertTrue(Files.readString(file).contains("\"gradient_checkpointing\" : true"));
        assertEquals(on, ProjectFile.read(file).project());
        ProjectFile.write(file, off);
        assertTrue(Files.readString(file).contains("\"gradient_checkpointing\" : false"), "defaults are written explicitly");
    }

    @Test
    void aNonBooleanIsRefusedWithTheFieldName() {
        ProjectFileException e = assertThrows(ProjectFileException.class, () -> ProjectFile.parse(
                MINIMAL.formatted("\"gradient_checkpointing\": \"yes\", "), Path.of("project.json")));
        assertEquals("recovery.gradient_checkpointing", e.field());
        assertTrue(e.getMessage().contains("true or false"), e.getMessage());
    }
}

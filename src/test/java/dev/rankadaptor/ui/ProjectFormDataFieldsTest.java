package dev.rankadaptor.ui;

import dev.rankadaptor.common.InvalidFieldException;
import dev.rankadaptor.experiment.Project;
import dev.rankadaptor.experiment.ProjectFile;
import dev.rankadaptor.ui.backend.ProjectSession;
import dev.rankadaptor.ui.exec.SameThreadUiExecutor;
import dev.rankadaptor.ui.pruning.PruningViewModel;
import dev.rankadaptor.ui.recovery.RecoverySearchViewModel;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** The panel's data fields (recovery data, validation size, tasks, task folder, subsets) round-trip through ProjectSession.fillPanels and buildProject. */
class ProjectFormDataFieldsTest {

    @Test
    void fillShowsTheFilesAndBuildWritesTheEdits() {
        Project demo = ProjectFile.read(Path.of("sample-projects/tiny-llama-demo/project.json")).project();
        PruningViewModel pruning = new PruningViewModel(new SameThreadUiExecutor(), null);
        RecoverySearchViewModel recovery = new RecoverySearchViewModel();
        ProjectSession.fillPanels(demo, pruning, recovery);
        var data = recovery.data();
        assertEquals("data/recovery_alpaca.json", data.dataFileProperty().get());
        assertEquals("16", data.validationSizeProperty().get());
        assertEquals("data/tasks", data.taskFolderProperty().get());
        assertEquals("first 30", data.searchSubsetProperty().get());
        assertEquals("first 50", data.finalSubsetProperty().get());
        assertEquals(7, data.tasks().size());
        assertEquals(demo, ProjectSession.buildProject(demo, pruning, recovery), "unchanged panels rebuild the same project");

        data.dataFileProperty().set("other/alpaca.jsonl");
        data.validationSizeProperty().set("4");
        data.tasks().retainAll(Set.of("piqa", "boolq"));
        data.taskFolderProperty().set("/abs/tasks");
        data.searchSubsetProperty().set("random 20 seed 7");
        data.finalSubsetProperty().set("all");
        Project edited = ProjectSession.buildProject(demo, pruning, recovery);
        assertEquals("other/alpaca.jsonl", edited.recovery().dataFile());
        assertEquals(4, edited.recovery().validationSize());
        assertEquals(List.of("boolq", "piqa"), edited.evaluation().tasks());
        assertEquals("/abs/tasks", edited.evaluation().taskFolder());
        assertEquals("random", edited.evaluation().searchSubset().mode());
        assertEquals(20, edited.evaluation().searchSubset().count());
        assertEquals(7, edited.evaluation().searchSubset().seed());
        assertEquals("all", edited.evaluation().finalSubset().mode());

        data.finalSubsetProperty().set("some");
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> ProjectSession.buildProject(demo, pruning, recovery));
        assertTrue(e.getMessage().startsWith("evaluation.final_subset"), e.getMessage());
    }
}

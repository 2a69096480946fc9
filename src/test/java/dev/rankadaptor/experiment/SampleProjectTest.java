package dev.rankadaptor.experiment;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SampleProjectTest {
    @Test
    void demoProjectLoadsAndIsWrittenInCanonicalForm() throws Exception {
        Path file = Path.of("sample-projects/tiny-llama-demo/project.json");
        ProjectFile pf = ProjectFile.read(file);
        Project p = pf.project();
        assertEquals(pf.folder(), pf.checkpointPath());
        assertEquals(pf.folder().resolve("data/recovery_alpaca.json"), pf.recoveryDataPath());
        assertEquals(pf.folder().resolve("data/tasks"), pf.taskFolderPath());
        assertArrayEquals(new int[]{1, 2, 3, 4, 5, 6}, p.pruning().prunableLayerIndices(8));
        assertEquals(16, p.recovery().maxSteps());
        assertTrue(p.search().thresholdFromNoise(), "the demo converges on its measured noise");
        assertEquals(1.0, p.search().parameterBudget());
        assertEquals(192, p.recovery().cutoff());
        assertEquals(7, p.evaluation().tasks().size());
        assertEquals("first 30", p.evaluation().searchSubset().toSubset().describe());
        assertEquals(ExecutionBackend.LOCAL, p.execution().backend(), "the demo fills both cores with one worker each");
        assertEquals(2, p.execution().workers());
        assertEquals(Files.readString(file), ProjectFile.toJson(p), "the sample is written exactly as the tool writes it");
    }
}

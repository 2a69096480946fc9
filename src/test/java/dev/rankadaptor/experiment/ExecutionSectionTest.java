package dev.rankadaptor.experiment;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The execution section in project.json: defaults, round trip, and errors naming the field. */
class ExecutionSectionTest {
    private static final String MINIMAL = ProjectFileTest.MINIMAL;

    private static String withExecution(String body) {
        return MINIMAL.replace("\"evaluation\"", "\"execution\": {" + body + "}, \"evaluation\"");
    }

    private static ProjectFileException failing(String json) {
        return assertThrows(ProjectFileException.class, () -> ProjectFile.parse(json, Path.of("project.json")));
    }

    @Test
    void defaultIsInProcessAndTheSectionRoundTrips() {
        Project p = ProjectFile.parse(MINIMAL, Path.of("project.json"));
        assertEquals(ExecutionBackend.INPROCESS, p.execution().backend());
        assertFalse(p.execution().parallel());
        assertEquals(1, p.execution().workers());
        Project q = ProjectFile.parse(withExecution("\"backend\": \"local\", \"workers\": 2, \"devices\": [\"cuda:0\", \"CUDA:1\"],"
                + " \"retries\": 3, \"slurm\": {\"gres\": \"gpu:1\", \"mem\": \"32G\", \"time_limit\": \"1-00:00:00\","
                + " \"extra_sbatch_lines\": [\"--qos=normal\"]}"), Path.of("project.json"));
        assertEquals(List.of("cuda:0", "cuda:1"), q.execution().devices());
        assertEquals("32G", q.execution().slurm().mem());
        assertEquals(q, ProjectFile.parse(ProjectFile.toJson(q), Path.of("project.json")));
        assertTrue(ProjectFile.toJson(q).contains("\"backend\" : \"local\""), ProjectFile.toJson(q));
    }

    @Test
    void badValuesNameTheirField() {
        assertEquals("execution.backend", failing(withExecution("\"backend\": \"kubernetes\"")).field());
        assertEquals("execution.workers", failing(withExecution("\"backend\": \"local\", \"workers\": 0")).field());
        assertEquals("execution.workers", failing(withExecution("\"backend\": \"local\", \"workers\": 3, \"devices\": [\"cpu\"]")).field());
        assertEquals("execution.workers", failing(withExecution("\"workers\": 2")).field(), "inprocess runs one trial at a time");
        assertEquals("execution.devices[1]", failing(withExecution("\"backend\": \"local\", \"workers\": 2, \"devices\": [\"cpu\", \"tpu\"]")).field());
        assertEquals("execution.retries", failing(withExecution("\"retries\": -1")).field());
        assertEquals("execution.slurm.mem", failing(withExecution("\"slurm\": {\"mem\": \"lots\"}")).field());
        assertEquals("execution.slurm.time_limit", failing(withExecution("\"slurm\": {\"time_limit\": \"4h\"}")).field());
        assertEquals("execution.slurm.extra_sbatch_lines[0]", failing(withExecution("\"slurm\": {\"extra_sbatch_lines\": [\"#SBATCH -p x\"]}")).field());
        assertEquals("execution.slurm.partition", failing(withExecution("\"slurm\": {\"partition\": \"a b\"}")).field());
    }

    @Test
    void aResumeTakesTheExecutionSectionFromTheCurrentProjectFile() {
        Project snapshot = ProjectFile.parse(MINIMAL, Path.of("project.json"));
        Project current = snapshot.withExecution(new ExecutionSection(ExecutionBackend.LOCAL, 2, List.of(), 1, null));
        assertTrue(ProjectDiff.invalidating(snapshot, current).isEmpty());
        assertEquals(current.execution(), ProjectDiff.forResume(snapshot, current, "r", Path.of("project.json")).execution());
    }
}

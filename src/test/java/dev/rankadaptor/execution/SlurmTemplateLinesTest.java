package dev.rankadaptor.execution;

import dev.rankadaptor.common.InvalidFieldException;
import dev.rankadaptor.common.UserInputException;
import dev.rankadaptor.experiment.SlurmJobSection;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The job template as #SBATCH lines, and the shared-folder rule of the slurm backend (no cluster needed). */
class SlurmTemplateLinesTest {
    @Test
    void everyTemplateFieldBecomesItsOptionAndEmptyOnesAreLeftOut() {
        SlurmJobSection t = new SlurmJobSection("gpu", "gpu:a100:1", 8, "64G", "08:00:00", "proj42",
                List.of("--qos=normal", "--constraint=a100"));
        assertEquals(List.of("#SBATCH --partition=gpu", "#SBATCH --account=proj42", "#SBATCH --gres=gpu:a100:1",
                "#SBATCH --cpus-per-task=8", "#SBATCH --mem=64G", "#SBATCH --time=08:00:00",
                "#SBATCH --qos=normal", "#SBATCH --constraint=a100"), SlurmBackend.sbatchLines(t));
        assertEquals(List.of("#SBATCH --cpus-per-task=1"), SlurmBackend.sbatchLines(SlurmJobSection.defaults()));
    }

    @Test
    void extraLinesMayNotTakeOverTheBackendsOwnOptions() {
        SlurmJobSection t = new SlurmJobSection("", "", 1, "", "", "", List.of("--qos=x", "--output=/tmp/x.log"));
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> SlurmBackend.sbatchLines(t));
        assertEquals("execution.slurm.extra_sbatch_lines[1]", e.field());
        assertTrue(e.getMessage().contains("--output is set by the slurm backend"), e.getMessage());
        SlurmJobSection requeue = new SlurmJobSection("", "", 1, "", "", "", List.of("--requeue"));
        assertThrows(InvalidFieldException.class, () -> SlurmBackend.sbatchLines(requeue));
    }

    @Test
    void nodeLocalRunFolderIsRefusedOnMultiNodeClusters() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> SlurmBackend.sharedFolderCheck(Path.of("/tmp/project/runs/x"), 12));
        assertTrue(e.getMessage().contains("/tmp/project/runs/x is in /tmp"), e.getMessage());
        assertTrue(e.getMessage().contains("12 nodes"), e.getMessage());
        assertThrows(UserInputException.class, () -> SlurmBackend.sharedFolderCheck(Path.of("/dev/shm/run"), 2));
        assertDoesNotThrow(() -> SlurmBackend.sharedFolderCheck(Path.of("/nfs/home/me/project/runs/x"), 2));
    }
}

package dev.rankadaptor.pipeline;

import ai.djl.Device;
import dev.rankadaptor.checkpoint.Checkpoint;
import dev.rankadaptor.common.UserInputException;
import dev.rankadaptor.compute.MemoryBudget;
import dev.rankadaptor.experiment.Project;
import dev.rankadaptor.experiment.ProjectFile;
import dev.rankadaptor.prune.PruneJob;
import dev.rankadaptor.prune.PrunedWidths;
import dev.rankadaptor.prune.PruningConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report {@code plan}, {@code inspect} and the panels show is the estimate the run checks before it starts. */
class StageMemoryReportTest {
    private static final Path DEMO = Path.of("sample-projects/tiny-llama-demo/project.json");

    @AfterEach
    void clearLimit() {
        System.clearProperty(MemoryBudget.PROPERTY);
    }

    private static StageMemoryReport report(ProjectFile pf, Checkpoint ck) {
        Project p = pf.project();
        return StageMemoryReport.of(ProjectMapping.pruning(pf, ck.layout().size()), p.recovery(), p.search(), p.deviceChoice(),
                StageMemoryReport.Shape.of(ck));
    }

    @Test
    void theStagesAreTheRunsOwnEstimatesForTheProjectsSettings() {
        ProjectFile pf = ProjectFile.read(DEMO);
        pf = new ProjectFile(pf.path(), pf.project().withRecovery(pf.project().recovery().withMicroBatch(4).withCutoff(128)));
        try (Checkpoint ck = Checkpoint.open(pf.checkpointPath())) {
            StageMemoryReport r = report(pf, ck);
            PruningConfig cfg = ProjectMapping.pruning(pf, ck.layout().size());
            long train = TrialWorkspace.preflight(pf, Device.cpu(), ck.dominantDtype()).train(ck.config(),
                    PrunedWidths.plan(cfg, ck.config(), ck.layout(), 4).layoutAfter()).bytes();
            assertEquals(train, r.line(StageMemoryReport.Stage.TRAIN).estimate().bytes(), "the number checkBeforeRun checks");
            assertEquals(PruneJob.estimate(ck, cfg).bytes(), r.line(StageMemoryReport.Stage.PRUNE).estimate().bytes());
            assertEquals(List.of(StageMemoryReport.Stage.PRUNE, StageMemoryReport.Stage.TRAIN, StageMemoryReport.Stage.EVAL),
                    r.lines().stream().map(StageMemoryReport.Line::stage).toList());
            assertTrue(r.line(StageMemoryReport.Stage.TRAIN).settings()
                    .equals("micro-batch 4 x 128, r 12, checkpointing off, base F32, pruned widths"), r.text());
            assertTrue(r.text().startsWith("pre-flight on cpu (peak resident as run):\n  prune (block, element1, 10 x 64"), r.text());

            // a limit just below the train estimate: the report marks that stage and the run is refused for it
            System.setProperty(MemoryBudget.PROPERTY, Long.toString(train - 1));
            StageMemoryReport limited = report(pf, ck);
            assertFalse(limited.line(StageMemoryReport.Stage.TRAIN).fits());
            assertTrue(limited.line(StageMemoryReport.Stage.TRAIN).text().endsWith(": DOES NOT FIT"), limited.text());
            assertFalse(limited.fits());
            ProjectFile run = pf;
            assertThrows(UserInputException.class, () -> TrialWorkspace.checkBeforeRun(run, Device.cpu()));
            System.setProperty(MemoryBudget.PROPERTY, Long.toString(train));
            assertTrue(report(pf, ck).line(StageMemoryReport.Stage.TRAIN).fits());
            assertDoesNotThrow(() -> TrialWorkspace.checkBeforeRun(run, Device.cpu()));
        }
    }
}

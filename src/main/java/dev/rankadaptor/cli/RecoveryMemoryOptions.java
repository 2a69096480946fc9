package dev.rankadaptor.cli;

import dev.rankadaptor.checkpoint.Checkpoint;
import dev.rankadaptor.experiment.Preset;
import dev.rankadaptor.experiment.Project;
import dev.rankadaptor.experiment.ProjectFile;
import dev.rankadaptor.experiment.RecoverySection;
import dev.rankadaptor.pipeline.ProjectMapping;
import dev.rankadaptor.pipeline.StageMemoryReport;
import dev.rankadaptor.prune.PruningConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The settings the memory pre-flight of {@code inspect} and {@code plan} is estimated for
 * ({@link StageMemoryReport}): a project's pruning, recovery, search and device settings
 * ({@code --project}; without it the paper preset's defaults for the checkpoint's layer count),
 * which the flags below override through the sections' own {@code with...} copies, so a bad value
 * gets the project file's check and message (e.g. {@code recovery.cutoff}).
 */
final class RecoveryMemoryOptions {
    @Option(names = "--project", paramLabel = "FILE",
            description = "project.json whose pruning, recovery, search and device settings the pre-flight uses (default: the paper preset's defaults)")
    Path project;

    @Option(names = "--device", description = "device of the memory estimates: cpu, cuda or cuda:N (default: the project's)")
    String device;

    @Option(names = "--micro-batch", description = "examples per forward pass of the LoRA step estimate (recovery.micro_batch; default: the project's)")
    Integer microBatch;

    @Option(names = "--cutoff", description = "tokens per example of the LoRA step estimate, and the scoring context (recovery.cutoff; default: the project's)")
    Integer cutoff;

    @Option(names = "--rank", description = "LoRA rank of the estimate (default: the largest a trial of the project uses)")
    Integer rank;

    @Option(names = "--gradient-checkpointing", negatable = true,
            description = "estimate the LoRA step with recovery.gradient_checkpointing on (--no-gradient-checkpointing: off; default: the project's)")
    Boolean gradientCheckpointing;

    /** The project file given with --project, or null. */
    private ProjectFile projectFile() {
        return project == null ? null : ProjectFile.read(project);
    }

    /** The project's settings with the flags applied, for a model of {@code layers} layers. */
    Project settings(int layers) {
        ProjectFile pf = projectFile();
        Project p = pf != null ? pf.project() : Project.withDefaults(Preset.PAPER, layers, "untitled", ".",
                "calibration.txt", "recovery.json", "tasks");
        RecoverySection r = p.recovery();
        if (microBatch != null) {
            r = r.withMicroBatch(microBatch);
        }
        if (cutoff != null) {
            r = r.withCutoff(cutoff);
        }
        if (gradientCheckpointing != null) {
            r = r.withGradientCheckpointing(gradientCheckpointing);
        }
        p = p.withRecovery(r);
        return device == null ? p : p.withDevice(device);
    }

    /** The pruning the project would run on {@code ck} (inspect; plan has its own pruning flags). */
    PruningConfig projectPruning(Checkpoint ck) {
        ProjectFile pf = projectFile();
        int layers = ck.layout().size();
        if (pf != null) {
            return ProjectMapping.pruning(pf, layers);
        }
        Project p = settings(layers);
        return ProjectMapping.pruning(p.pruning(), p.presetKind(), Path.of(p.pruning().calibrationFile()), layers);
    }

    /** The pre-flight of {@code pruning} (then training and evaluation on the pruned widths) on {@code ck}. */
    StageMemoryReport report(Checkpoint ck, PruningConfig pruning) {
        if (rank != null) {
            dev.rankadaptor.common.Check.positive("--rank", rank);
        }
        Project p = settings(ck.layout().size());
        return StageMemoryReport.of(pruning, p.recovery(), p.search(), p.deviceChoice(), StageMemoryReport.Shape.of(ck),
                rank == null ? 0 : rank);
    }
}

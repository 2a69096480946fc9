package dev.rankadaptor.pipeline;

import dev.rankadaptor.checkpoint.Checkpoint;
import dev.rankadaptor.checkpoint.CheckpointSummary;
import dev.rankadaptor.checkpoint.LayerLayout;
import dev.rankadaptor.checkpoint.LlamaConfig;
import dev.rankadaptor.checkpoint.SafetensorsDtype;
import dev.rankadaptor.common.Check;
import dev.rankadaptor.compute.DeviceChoice;
import dev.rankadaptor.compute.MemoryBudget;
import dev.rankadaptor.experiment.RecoverySection;
import dev.rankadaptor.experiment.SearchSection;
import dev.rankadaptor.model.StagePeak;
import dev.rankadaptor.prune.PruneJob;
import dev.rankadaptor.prune.PrunedWidths;
import dev.rankadaptor.prune.PruningConfig;
import dev.rankadaptor.prune.PruningMethod;
import dev.rankadaptor.recover.RecoveryPreflight;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The memory pre-flight of a project's stages on one device, as {@code plan}, {@code inspect}, the
 * Checkpoint panel and the Pruning panel show it: per stage (prune, one LoRA step on the widths the
 * pruning plan leaves, evaluation) the estimated peak, the memory available, whether it fits and
 * the settings it was estimated for. The numbers are the ones a run checks before it starts
 * ({@link PruneJob#estimate}, {@link TrialWorkspace#preflight} on {@link PrunedWidths#plan}'s
 * widths, as {@link TrialWorkspace#checkBeforeRun} does), taken from the project's own sections,
 * so what is shown is what the run accepts or refuses. Shape only: no weight is read.
 *
 * @param device the device the stages were estimated for ("cpu", "cuda:0")
 * @param note   why that device differs from the one asked for ("" when it does not)
 * @param lines  one line per stage, in run order
 */
public record StageMemoryReport(String device, String note, List<Line> lines) {

    /** The stages a run's memory is checked for. */
    public enum Stage {
        PRUNE("prune"), TRAIN(RecoveryPreflight.TRAIN), EVAL(RecoveryPreflight.EVAL);

        private final String label;

        Stage(String label) {
            this.label = label;
        }

        /** The name the pre-flight messages use. */
        public String label() {
            return label;
        }
    }

    /**
     * One stage: its estimate, the budget it is compared with and the settings it was estimated for
     * (e.g. "micro-batch 4 x 128, r 8, checkpointing on, base F32").
     */
    public record Line(Stage stage, String settings, StagePeak estimate, MemoryBudget budget) {
        public Line {
            Check.notNull("stage", stage);
            Check.notNull("estimate", estimate);
            Check.notNull("budget", budget);
            settings = settings == null ? "" : settings;
        }

        /** False only when the budget is known and the estimate exceeds it. */
        public boolean fits() {
            return !budget.known() || estimate.bytes() <= budget.availableBytes();
        }

        /** "prune (block, element1, ...): peak estimate 1.20 GiB of 21.3 GiB available (...): fits". */
        public String text() {
            return budget.describe(stage.label() + " (" + settings + ")", estimate.bytes());
        }
    }

    /** What the estimates need of a checkpoint: config, per-layer widths and the dominant stored dtype. */
    public record Shape(LlamaConfig config, LayerLayout layout, SafetensorsDtype dtype) {
        public Shape {
            Check.notNull("config", config);
            Check.notNull("layout", layout);
            dtype = dtype == null ? SafetensorsDtype.F32 : dtype;
        }

        public static Shape of(Checkpoint ck) {
            return new Shape(ck.config(), ck.layout(), ck.dominantDtype());
        }

        /** The Checkpoint panel's summary; without its files' dtype, the config's torch_dtype decides. */
        public static Shape of(CheckpointSummary s) {
            SafetensorsDtype d = SafetensorsDtype.parse(s.fileDtype());
            if (d == null) {
                String t = s.config().torchDtype() == null ? "" : s.config().torchDtype().toLowerCase(Locale.ROOT);
                d = t.contains("bfloat16") ? SafetensorsDtype.BF16 : t.contains("16") ? SafetensorsDtype.F16 : SafetensorsDtype.F32;
            }
            return new Shape(s.config(), s.layout(), d);
        }
    }

    public StageMemoryReport {
        Check.notNull("device", device);
        note = note == null ? "" : note;
        lines = List.copyOf(lines);
    }

    /**
     * The report for a project's sections on {@code device} (resolved as a run resolves it: CUDA asked
     * for where there is none is estimated on the CPU, with a note). {@code pruning} is the run's
     * mapping of the pruning section ({@link ProjectMapping#pruning}); null leaves the prune stage out
     * and estimates training and evaluation on the checkpoint's own widths.
     */
    public static StageMemoryReport of(PruningConfig pruning, RecoverySection recovery, SearchSection search,
                                       DeviceChoice device, Shape shape) {
        return of(pruning, recovery, search, device, shape, 0);
    }

    /**
     * The same with the LoRA rank of the estimate given ({@code plan} / {@code inspect --rank});
     * {@code rank <= 0}: the largest rank a trial of the project uses.
     */
    public static StageMemoryReport of(PruningConfig pruning, RecoverySection recovery, SearchSection search,
                                       DeviceChoice device, Shape shape, int rank) {
        DeviceChoice.Resolved r = device.resolve();
        RecoveryPreflight train = TrialWorkspace.preflight(recovery, search, r.device().toDjl(), shape.dtype());
        if (rank > 0) {
            train = new RecoveryPreflight(train.device(), train.weights(), train.microBatch(), train.cutoff(), rank,
                    train.checkpointing());
        }
        return of(pruning, train, shape, r.device().toString(), r.warning());
    }

    private static StageMemoryReport of(PruningConfig pruning, RecoveryPreflight train, Shape shape, String device, String note) {
        MemoryBudget budget = MemoryBudget.of(train.device(), 0);
        List<Line> lines = new ArrayList<>();
        LayerLayout after = shape.layout();
        if (pruning != null) {
            lines.add(new Line(Stage.PRUNE, pruneSettings(pruning, shape.dtype()),
                    PruneJob.estimate(shape.config(), shape.layout(), shape.dtype(), pruning), budget));
            after = PrunedWidths.plan(pruning, shape.config(), shape.layout(), PruneJob.bytesPerParameter(shape.dtype()))
                    .layoutAfter();
        }
        String base = ", base " + train.weights().describe();
        lines.add(new Line(Stage.TRAIN, "micro-batch " + train.microBatch() + " x " + train.cutoff() + ", r " + train.rank()
                + ", checkpointing " + (train.checkpointing() ? "on" : "off") + base
                + (pruning != null ? ", pruned widths" : ""), train.train(shape.config(), after), budget));
        lines.add(new Line(Stage.EVAL, "items of up to " + train.cutoff() + " tokens x " + EVAL_CHOICES + " choices" + base,
                train.score(shape.config(), after, train.cutoff(), EVAL_CHOICES), budget));
        return new StageMemoryReport(device, note, lines);
    }

    /** Choices per item the evaluation line assumes (HellaSwag, ARC and OpenBookQA have 4; the others fewer). */
    public static final int EVAL_CHOICES = 4;

    private static String pruneSettings(PruningConfig cfg, SafetensorsDtype dtype) {
        String how = cfg.method() == PruningMethod.DEPTH
                ? "depth, " + cfg.depthCriterion().name().toLowerCase(Locale.ROOT)
                : "block, " + cfg.importance().name().toLowerCase(Locale.ROOT);
        return how + ", " + cfg.samples() + " x " + cfg.window() + " calibration tokens, weights " + dtype;
    }

    /** The line of {@code stage}, or null when the report has none (prune without a pruning plan). */
    public Line line(Stage stage) {
        return lines.stream().filter(l -> l.stage() == stage).findFirst().orElse(null);
    }

    /** True when every stage fits (or the budget is unknown). */
    public boolean fits() {
        return lines.stream().allMatch(Line::fits);
    }

    /** The stages that will not fit, in run order. */
    public List<Stage> notFitting() {
        return lines.stream().filter(l -> !l.fits()).map(Line::stage).toList();
    }

    /** "pre-flight on cpu (peak resident as run):", with the device note when there is one. */
    public String header() {
        return "pre-flight on " + device + " (peak resident as run)" + (note.isEmpty() ? "" : "; " + note) + ":";
    }

    /** The header and one indented line per stage, as {@code plan}, {@code inspect} and the panels print it. */
    public String text() {
        StringBuilder sb = new StringBuilder(header());
        for (Line l : lines) {
            sb.append("\n  ").append(l.text());
        }
        return sb.toString();
    }
}

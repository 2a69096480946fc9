package dev.rankadaptor.bench;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import dev.rankadaptor.common.FileTrees;
import dev.rankadaptor.checkpoint.Checkpoint;
import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.common.CancelledException;
import dev.rankadaptor.common.ExitGuard;
import dev.rankadaptor.model.LlamaModel;
import dev.rankadaptor.model.LlamaModels;
import dev.rankadaptor.model.MemoryEstimate;
import dev.rankadaptor.prune.DepthCriterion;
import dev.rankadaptor.prune.ImportanceKind;
import dev.rankadaptor.prune.PruneJob;
import dev.rankadaptor.prune.PruneListener;
import dev.rankadaptor.prune.PruningConfig;
import dev.rankadaptor.prune.PruningMethod;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One stage of {@code bench scale}, run as its own process so that its peak resident set and CPU
 * times are its own: {@code main(stage, checkpoint, workDir, demoData)} runs the stage and prints a
 * single {@code SCALE-RESULT} line (seconds, usage, the pre-flight estimate).
 */
public final class ScaleStage {
    static final String RESULT = "SCALE-RESULT";
    /** A prune stage's progress line: phase, percent done, seconds, peak resident so far. */
    static final String PROGRESS = "SCALE-PROGRESS";
    /** The line of a stage stopped by SIGTERM before it finished. */
    static final String STOPPED = "SCALE-STOPPED";
    private static final String[] PROGRESS_SEEN = {"start"};

    /** The stages, in the order the bench runs them. */
    enum Kind {
        LOAD("load"), PLAN("plan"), PRUNE_ELEMENT1("prune element1 20%"), PRUNE_MIX("prune mix 20%"),
        PRUNE_DEPTH("prune depth taylor 20%"), PRUNE_DEPTH_PPL("prune depth perplexity 20%"),
        LORA_STEP("LoRA step F16 base, ckpt"), LORA_STEP_F32("LoRA step F32 base, ckpt"), SCORE("score HellaSwag items");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /** A stage's extra key=value fields for the result line (LoRA step: step time and FLOP rates). */
    private static String note = "";

    private ScaleStage() {
    }

    public static void main(String[] args) throws IOException {
        Kind kind = Kind.valueOf(args[0]);
        Path checkpoint = Path.of(args[1]);
        Path work = Path.of(args[2]);
        Path demo = Path.of(args[3]);
        int items = args.length > 4 ? Integer.parseInt(args[4]) : 20;
        long t0 = System.nanoTime();
        CancellationToken cancel = CancellationToken.create();
        long estimate;
        try (ExitGuard guard = ExitGuard.install(cancel, 120_000)) {
            estimate = run(kind, checkpoint, work, demo, items, cancel);
        } catch (CancelledException e) {
            // stopped from outside (SIGTERM): what it had done and used so far, measured
            ProcessUsage u = ProcessUsage.self();
            System.out.printf(Locale.ROOT, "%s %s wall=%.2f user=%.2f sys=%.2f hwm=%d at %s%n", STOPPED, kind.name(),
                    (System.nanoTime() - t0) / 1e9, u.userSeconds(), u.systemSeconds(), u.peakResidentBytes(),
                    PROGRESS_SEEN[0]);
            System.out.flush();
            return;
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        ProcessUsage u = ProcessUsage.self();
        System.out.printf(Locale.ROOT, "%s %s wall=%.2f user=%.2f sys=%.2f hwm=%d estimate=%d %s%n", RESULT, kind.name(),
                wall, u.userSeconds(), u.systemSeconds(), u.peakResidentBytes(), estimate, note);
        System.out.flush();
        System.exit(0);
    }

    /** Runs the stage; returns the pre-flight estimate of its peak resident bytes (0 = none). */
    static long run(Kind kind, Path checkpoint, Path work, Path demo, int items, CancellationToken cancel)
            throws IOException {
        Path calibration = demo.resolve("data/calibration.txt");
        switch (kind) {
            case LOAD -> {
                try (Checkpoint ck = Checkpoint.open(checkpoint);
                     LlamaModel m = LlamaModels.load(ck.config(), ck.layout(), ck.tensors(), Device.cpu(),
                             DataType.FLOAT16)) {
                    return 0;
                }
            }
            case PLAN -> {
                System.out.print(PruneJob.plan(checkpoint, PruningConfig.blockGlobal(0.2, calibration)).toTable());
                return 0;
            }
            case LORA_STEP, LORA_STEP_F32, SCORE -> {
                ScaleLoraStages.Outcome o = kind == Kind.SCORE ? ScaleLoraStages.score(checkpoint, demo, items)
                        : ScaleLoraStages.loraStep(checkpoint, kind == Kind.LORA_STEP_F32);
                note = o.note();
                return o.estimate();
            }
            default -> {
                ImportanceKind imp = kind == Kind.PRUNE_MIX ? ImportanceKind.MIX : ImportanceKind.ELEMENT1;
                PruningConfig cfg = PruningConfig.blockGlobal(0.2, calibration).withImportance(imp);
                if (kind == Kind.PRUNE_DEPTH || kind == Kind.PRUNE_DEPTH_PPL) {
                    cfg = cfg.withMethod(PruningMethod.DEPTH).withDepthCriterion(kind == Kind.PRUNE_DEPTH
                            ? DepthCriterion.TAYLOR : DepthCriterion.PERPLEXITY);
                }
                Path out = work.resolve("pruned-" + kind.name().toLowerCase(Locale.ROOT));
                long estimate;
                try (Checkpoint ck = Checkpoint.open(checkpoint)) {
                    estimate = PruneJob.estimate(ck, cfg).bytes();
                }
                try {
                    PruneJob.run(checkpoint, out, cfg, Device.cpu(), true, progress(kind), cancel);
                } finally {
                    FileTrees.deleteTree(out);
                }
                return estimate;
            }
        }
    }

    /** Prints a {@link #PROGRESS} line at each new phase and every 5% of one (a 7B prune runs for many minutes). */
    private static PruneListener progress(Kind kind) {
        long t0 = System.nanoTime();
        Object[] last = {null, -1.0};
        return (phase, fraction) -> {
            if (phase != last[0] || fraction >= (double) last[1] + 0.05 || (fraction == 1.0 && (double) last[1] < 1.0)) {
                last[0] = phase;
                last[1] = fraction;
                PROGRESS_SEEN[0] = String.format(Locale.ROOT, "%s %.0f%%", phase.name().toLowerCase(Locale.ROOT),
                        100 * fraction);
                System.out.printf(Locale.ROOT, "%s %s %s after %.0f s, peak %s%n", PROGRESS, kind.name(), PROGRESS_SEEN[0],
                        (System.nanoTime() - t0) / 1e9, MemoryEstimate.human(ProcessUsage.self().peakResidentBytes()));
                System.out.flush();
            }
        };
    }
}

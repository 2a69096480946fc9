package dev.rankadaptor.cli;

import dev.rankadaptor.bench.CheckpointLoadBench;
import dev.rankadaptor.bench.ForwardBench;
import dev.rankadaptor.bench.PruneBench;
import dev.rankadaptor.bench.ScoringBench;
import dev.rankadaptor.bench.SearchBench;
import dev.rankadaptor.bench.TrainingBench;
import dev.rankadaptor.bench.TrialBench;
import dev.rankadaptor.pipeline.DemoProject;

import java.nio.file.Path;

/** The benchmark suites the bench command knows, each printing ratios measured within its own run. */
enum BenchSuite {
    /** Loading a generated >= 1 GB F16 checkpoint vs reading its bytes (target <= 1.5). */
    load {
        @Override
        String run(Path dir) {
            return CheckpointLoadBench.run(dir.resolve("load"));
        }
    },
    /** Forward tokens/s of a hidden-512 model and its FLOP rate vs a dense matMul (target >= 0.4). */
    forward {
        @Override
        String run(Path dir) {
            return ForwardBench.run();
        }
    },
    /** Pruning time and peak memory relative to model size. */
    prune {
        @Override
        String run(Path dir) {
            return PruneBench.run(dir.resolve("prune"));
        }
    },
    /** LoRA step tokens/s and FLOP utilisation vs a dense matMul. */
    training {
        @Override
        String run(Path dir) {
            return TrainingBench.run();
        }
    },
    /** Shared-context vs per-pair scoring on the demo model (target >= 1.8x). */
    scoring {
        @Override
        String run(Path dir) {
            return ScoringBench.run(DemoProject.projectFile().getParent());
        }
    },
    /** One demo trial's seconds and its train/eval split. */
    trial {
        @Override
        String run(Path dir) {
            return TrialBench.run(DemoProject.projectFile(), dir.resolve("trial"));
        }
    },
    /** The demo search with 1 then 2 local workers: wall-clock speed-up (target >= 1.7x) and the result within noise. */
    parallel {
        @Override
        String run(Path dir) {
            return dev.rankadaptor.bench.ParallelBench.run(DemoProject.projectFile(), dir.resolve("parallel"));
        }
    },
    /** Performance-model predictions per second and bookkeeping per trial. */
    search {
        @Override
        String run(Path dir) {
            return SearchBench.run();
        }
    },
    /** The workbench's update time per new trial as a run grows to 2000 trials of 80 layers (needs a display, e.g. Xvfb). */
    ui {
        @Override
        String run(Path dir) throws Exception {
            return dev.rankadaptor.ui.bench.UiScaleBench.runStandalone(80, 2000);
        }
    };

    abstract String run(Path dir) throws Exception;
}

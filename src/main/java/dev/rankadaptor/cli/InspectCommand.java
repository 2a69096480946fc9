package dev.rankadaptor.cli;

import dev.rankadaptor.checkpoint.Checkpoint;
import dev.rankadaptor.checkpoint.LayerLayout;
import dev.rankadaptor.model.MemoryEstimate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Prints a checkpoint's architecture per layer, parameter count, dtype and memory need. */
@Command(name = "inspect", description = "Show a checkpoint's architecture per layer, parameters, dtype and memory estimate.")
final class InspectCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "checkpoint folder (config.json + safetensors or PyTorch .bin)")
    Path checkpoint;

    @Option(names = "--dtype", defaultValue = "float16", description = "dtype for the memory estimate: float32 or float16 (default ${DEFAULT-VALUE})")
    String dtype;

    @Option(names = "--context", defaultValue = "256", description = "context length for the KV-cache estimate")
    int context;

    @picocli.CommandLine.Mixin
    MemoryLimitOption memoryLimit;

    @picocli.CommandLine.Mixin
    RecoveryMemoryOptions recovery;

    @Override
    public Integer call() {
        try (Checkpoint ckpt = Checkpoint.open(checkpoint)) {
            System.out.println(CheckpointDescription.describe(ckpt));
            System.out.println();
            LayerLayout layout = ckpt.layout();
            System.out.printf("%-6s %6s %8s %10s %14s%n", "layer", "heads", "kvHeads", "mlpWidth", "parameters");
            long h = ckpt.config().hiddenSize();
            long d = ckpt.config().headDim();
            for (int i = 0; i < layout.size(); i++) {
                LayerLayout.Layer l = layout.layer(i);
                System.out.printf("%-6d %6d %8d %10d %,14d%n", i, l.heads(), l.kvHeads(), l.mlpWidth(),
                        LayerLayout.layerParameters(l, h, d));
            }
            System.out.println();
            ai.djl.ndarray.types.DataType dt = dtype.toLowerCase(java.util.Locale.ROOT).contains("16")
                    ? ai.djl.ndarray.types.DataType.FLOAT16 : ai.djl.ndarray.types.DataType.FLOAT32;
            System.out.println("inference: " + MemoryEstimate.inference(ckpt.config(), layout, dt, context, 1).format());
            // the project's pruning (--project, or the paper preset's defaults), then training and evaluation on its widths
            dev.rankadaptor.prune.PruningConfig pruning = recovery.projectPruning(ckpt);
            try {
                dev.rankadaptor.prune.PrunedWidths.plan(pruning, ckpt.config(), layout, 4);
            } catch (dev.rankadaptor.common.UserInputException e) {
                // a pruning target this model cannot reach: the model itself can still be estimated
                System.out.println("pruning not estimated: " + e.getMessage());
                pruning = null;
            }
            System.out.println(recovery.report(ckpt, pruning).text());
        }
        return 0;
    }
}

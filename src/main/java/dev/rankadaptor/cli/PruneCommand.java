package dev.rankadaptor.cli;

import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.common.ExitGuard;
import dev.rankadaptor.common.UserInputException;
import dev.rankadaptor.prune.PruneJob;
import dev.rankadaptor.prune.PruneOutcome;
import dev.rankadaptor.prune.PruningConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Prunes a checkpoint into a new folder that every later step loads. */
@Command(name = "prune", description = "Prune a checkpoint (block-wise or depth) into a new checkpoint folder.")
final class PruneCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "source checkpoint folder")
    Path checkpoint;

    @Option(names = "--out", required = true, description = "output folder (must not exist unless --overwrite)")
    Path out;

    @Option(names = "--overwrite")
    boolean overwrite;

    @Option(names = "--device", defaultValue = "cpu")
    String device;

    @Mixin
    PruningOptions options;

    @picocli.CommandLine.Mixin
    MemoryLimitOption memoryLimit;

    @Override
    public Integer call() {
        if (options.calibration == null || !Files.isRegularFile(options.calibration)) {
            throw new UserInputException("--calibration: a calibration text file is required to prune"
                    + (options.calibration == null ? "" : " (not found: " + options.calibration + ")"));
        }
        PruningConfig cfg = options.toConfig();
        ProgressLine progress = new ProgressLine(System.err, 2000);
        CancellationToken cancel = CancellationToken.create();
        PruneOutcome o;
        // SIGTERM / Ctrl-C: stop at the next block, never inside libtorch
        try (ExitGuard guard = ExitGuard.install(cancel, 120_000)) {
            o = PruneJob.run(checkpoint, out, cfg, ModelOptions.resolve(device).toDjl(), overwrite,
                    (phase, fraction) -> progress.update("prune " + phase, Math.round(fraction * 100), 100, ""), cancel);
        }
        System.out.println(o.plan().toTable());
        System.out.printf("wrote %s: %,d parameters in %.1f s%n", o.output(), o.parametersAfter(), o.totalMillis() / 1000.0);
        return 0;
    }
}

package dev.rankadaptor.pipeline;

import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.eval.EvalReport;
import dev.rankadaptor.experiment.RunDirectory;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The "w/o tuning" row (paper Table 9): the pruned model evaluated on the report part's final subset before any
 * recovery. Deterministic, so it is computed once and kept as {@code no_recovery.json}.
 */
final class NoRecoveryStage {
    static final String FILE = "no_recovery.json";

    private NoRecoveryStage() {
    }

    static EvalReport ensure(RunDirectory dir, TrialWorkspace ws, EvalScope subset, CancellationToken cancel) {
        Path file = dir.path().resolve(FILE);
        if (Files.isRegularFile(file)) {
            return EvalReport.read(file);
        }
        EvalReport report = ws.evaluate(subset, cancel);
        report.write(file);
        return report;
    }

    static EvalReport read(RunDirectory dir) {
        Path file = dir.path().resolve(FILE);
        return Files.isRegularFile(file) ? EvalReport.read(file) : null;
    }
}

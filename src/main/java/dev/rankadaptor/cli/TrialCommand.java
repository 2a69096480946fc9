package dev.rankadaptor.cli;

import dev.rankadaptor.search.TrialPhase;
import dev.rankadaptor.experiment.RecoveryMethod;
import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.common.InvalidFieldException;
import dev.rankadaptor.experiment.RunDirectory;
import dev.rankadaptor.pipeline.TrialJob;
import dev.rankadaptor.pipeline.TrialSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * One trial as its own process. By hand it appends one record to the run's journal; with
 * {@code --worker} it is a worker of a parallel run (local process or cluster job) and writes its
 * result file instead (docs/parallel-trials.md).
 */
@Command(name = "trial", description = "Run one trial (LoRA recovery + evaluation) of a run folder: append it to its journal,"
        + " or with --worker write trials/<index>/attempt-<a>.result.json for the run's coordinator.")
final class TrialCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "run folder (runs/<id>)")
    Path runDir;

    @Option(names = "--ranks", split = ",", description = "one LoRA rank per layer of the pruned model")
    List<Integer> ranks;

    @Option(names = "--seed", defaultValue = "0")
    long seed;

    @Option(names = "--method", defaultValue = "manual", description = "method name recorded in the journal")
    String method;

    @Option(names = "--final-subset", description = "evaluate on the final subset instead of the search subset")
    boolean finalSubset;

    @Option(names = "--worker", description = "worker mode: no journal, no lock; write the result file of --index/--attempt")
    boolean worker;

    @Option(names = "--index", defaultValue = "-1", description = "worker mode: the trial's journal index")
    int index;

    @Option(names = "--attempt", defaultValue = "1", description = "worker mode: the attempt number (1, 2, ...)")
    int attempt;

    @Option(names = "--phase", defaultValue = "manual", description = "phase recorded with the trial")
    String phase;

    @Option(names = "--device", description = "worker mode: cpu or cuda:N (default: the project's device)")
    String device;

    @Option(names = "--adalora", description = "worker mode: an AdaLoRA trial (no --ranks)")
    boolean adalora;

    @Option(names = "--export", description = "worker mode: write the trial's PEFT adapter to this folder")
    Path export;

    @Override
    public Integer call() {
        if (!adalora && (ranks == null || ranks.isEmpty())) {
            throw new InvalidFieldException("--ranks", "is required (one rank per layer), unless --adalora");
        }
        int[] r = adalora ? null : ranks.stream().mapToInt(Integer::intValue).toArray();
        if (worker) {
            if (index < 0) {
                throw new InvalidFieldException("--index", "is required with --worker");
            }
            if (attempt < 1) {
                throw new InvalidFieldException("--attempt", "must be >= 1, was " + attempt);
            }
            try (RunDirectory dir = RunDirectory.openForWorker(runDir)) {
                TrialSpec spec = new TrialSpec(dir.path(), index, RecoveryMethod.fromId(method), TrialPhase.fromId(phase), r, seed, finalSubset, export, null);
                String dev = device != null ? device : dir.projectForResume().project().device();
                var rec = TrialJob.runWorker(dir, spec, attempt, dev, new ConsoleRunListener(System.out, 1), CancellationToken.none());
                System.out.printf("trial %d attempt %d: score %.4f written to %s%n", rec.index(), attempt, rec.score(),
                        dir.trialResultFile(index, attempt));
            }
            return 0;
        }
        if (adalora) {
            throw new InvalidFieldException("--adalora", "is only available with --worker");
        }
        try (RunDirectory dir = RunDirectory.open(runDir)) {
            var rec = TrialJob.run(dir, RecoveryMethod.fromId(method), TrialPhase.fromId(phase), r, seed, finalSubset, new ConsoleRunListener(System.out, 1),
                    CancellationToken.none());
            System.out.printf("trial %d: score %.4f %s%n", rec.index(), rec.score(), rec.taskScores());
        }
        return 0;
    }
}

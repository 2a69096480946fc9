package dev.rankadaptor.cli;

import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.experiment.RunDirectory;
import dev.rankadaptor.pipeline.TrialJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** One trial as its own process: what a scheduler runs per GPU. Appends one record to the run's journal. */
@Command(name = "trial", description = "Run one trial (LoRA recovery + evaluation) of a run folder and append it to its journal.")
final class TrialCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "run folder (runs/<id>)")
    Path runDir;

    @Option(names = "--ranks", required = true, split = ",", description = "one LoRA rank per layer of the pruned model")
    List<Integer> ranks;

    @Option(names = "--seed", defaultValue = "0")
    long seed;

    @Option(names = "--method", defaultValue = "manual", description = "method name recorded in the journal")
    String method;

    @Option(names = "--final-subset", description = "evaluate on the final subset instead of the search subset")
    boolean finalSubset;

    @Override
    public Integer call() {
        int[] r = ranks.stream().mapToInt(Integer::intValue).toArray();
        try (RunDirectory dir = RunDirectory.open(runDir)) {
            var rec = TrialJob.run(dir, method, "manual", r, seed, finalSubset, new ConsoleRunListener(System.out, 1),
                    CancellationToken.none());
            System.out.printf("trial %d: score %.4f %s%n", rec.index(), rec.score(), rec.taskScores());
        }
        return 0;
    }
}

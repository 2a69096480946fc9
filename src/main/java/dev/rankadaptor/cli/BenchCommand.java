package dev.rankadaptor.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Benchmarks that report ratios measured within one run (these machines are shared and noisy,
 * so absolute times alone mean little). Each suite prints its own lines.
 */
@Command(name = "bench", description = "Run benchmarks; each prints ratios measured within the same run.")
final class BenchCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", description = "suites to run: ${COMPLETION-CANDIDATES} (default: all)")
    List<BenchSuite> suites;

    @picocli.CommandLine.ParentCommand
    RankAdaptorCli parent;

    @Option(names = "--work-dir", description = "scratch folder for generated checkpoints (default: a temp folder)")
    Path workDir;

    @Option(names = "--shape", defaultValue = "tinyllama-1.1b",
            description = "scale suite: tinyllama-1.1b, llama-7b or llama-13b (default ${DEFAULT-VALUE})")
    String shape;

    @Option(names = "--stages", split = ",", description = "scale suite: stages to run (default: LOAD,PLAN,PRUNE_ELEMENT1,PRUNE_MIX,LORA_STEP,SCORE; also LORA_STEP_F32, PRUNE_DEPTH, PRUNE_DEPTH_PPL)")
    List<String> stages;

    @Override
    public Integer call() throws Exception {
        if (suites != null && suites.contains(BenchSuite.scale)) {
            Path dir = workDir != null ? workDir : Path.of("target", "bench-scale");
            System.out.println("== scale");
            System.out.println(dev.rankadaptor.bench.ScaleBench.run(dir, shape, stages));
            return 0;
        }
        Path dir = workDir != null ? workDir : Files.createTempDirectory("rankadaptor-bench");
        List<BenchSuite> run = suites == null || suites.isEmpty() ? List.of(BenchSuite.values()) : suites;
        for (BenchSuite s : run) {
            System.out.println("== " + s.name().toLowerCase(java.util.Locale.ROOT));
            System.out.println(s.run(dir, parent == null ? null : parent.desktop()));
            System.out.flush();
        }
        return 0;
    }
}

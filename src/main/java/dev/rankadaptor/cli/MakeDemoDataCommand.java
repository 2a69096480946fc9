package dev.rankadaptor.cli;

import dev.rankadaptor.demo.DemoWorldWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** Writes the synthetic demo world (corpus, tasks, recovery set, tokenizer) deterministically from a seed. */
@Command(name = "make-demo-data", description = "Generate the demo corpus, task files, recovery set and tokenizer.")
final class MakeDemoDataCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "project folder to write into")
    Path dir;

    @Option(names = "--seed", defaultValue = "20240601")
    long seed;

    @Override
    public Integer call() {
        Map<String, Object> summary = DemoWorldWriter.write(dir, seed);
        summary.forEach((k, v) -> System.out.println(k + ": " + v));
        return 0;
    }
}

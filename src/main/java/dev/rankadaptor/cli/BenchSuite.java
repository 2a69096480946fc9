package dev.rankadaptor.cli;

import java.io.IOException;
import java.nio.file.Path;

/** The benchmark suites the bench command knows. */
enum BenchSuite {
    forward {
        @Override
        String run(Path dir) {
            return dev.rankadaptor.bench.ForwardBench.run();
        }
    };

    abstract String run(Path dir) throws IOException;
}

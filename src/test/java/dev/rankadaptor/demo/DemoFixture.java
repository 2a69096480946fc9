package dev.rankadaptor.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One generated demo project per test JVM (a smaller corpus than the bundled one, same generators). */
final class DemoFixture {
    static final long SEED = 7L;
    static final DemoWorldWriter.Sizes SIZES = new DemoWorldWriter.Sizes(600_000, 20_000, 300, 150, 600);
    private static Path dir;

    private DemoFixture() {
    }

    static synchronized Path project() {
        if (dir == null) {
            try {
                Path d = Files.createDirectories(Path.of("target", "test-demo-world"));
                DemoWorldWriter.write(d, SEED, SIZES);
                dir = d;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }
}

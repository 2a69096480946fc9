package dev.rankadaptor.demo;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Same seed, byte-identical files; another seed, another world. */
class DemoWorldDeterminismTest {
    private static final DemoWorldWriter.Sizes SMALL = new DemoWorldWriter.Sizes(60_000, 5_000, 100, 100, 300);

    @Test
    void sameSeedWritesIdenticalBytes() throws Exception {
        Path a = Files.createTempDirectory("demo-a");
        Path b = Files.createTempDirectory("demo-b");
        DemoWorldWriter.write(a, 11, SMALL);
        DemoWorldWriter.write(b, 11, SMALL);
        List<Path> files = list(a);
        assertEquals(files.size(), list(b).size());
        assertEquals(14, files.size(), "corpus, calibration, recovery, 7 tasks, fact book, tokenizer.json + 2 configs: " + files);
        for (Path f : files) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f.toString());
        }
        WorldModel other = WorldModel.generate(12);
        assertFalse(new OpenBookQaItemGenerator(WorldModel.generate(11)).factBook().equals(new OpenBookQaItemGenerator(other).factBook()),
                "the facts themselves depend on the seed");
        assertEquals(Files.readString(a.resolve(DemoWorldWriter.FACT_BOOK)), new OpenBookQaItemGenerator(WorldModel.generate(11)).factBook());
    }

    private static List<Path> list(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(dir::relativize).sorted().toList();
        }
    }
}

package dev.rankadaptor.prune;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Checkpoint folders compared file by file, byte for byte (streaming writers against in-memory ones). */
final class FolderBytes {
    private FolderBytes() {
    }

    /** Same file names and bytes in both folders, leaving out the names in {@code ignored}. */
    static void assertSameFiles(Path expected, Path actual, Set<String> ignored) throws IOException {
        List<String> names = list(expected, ignored);
        assertEquals(names, list(actual, ignored));
        for (String n : names) {
            assertArrayEquals(Files.readAllBytes(expected.resolve(n)), Files.readAllBytes(actual.resolve(n)), n);
        }
    }

    /** The file names in {@code dir}, sorted, without {@code ignored}. */
    static List<String> list(Path dir, Set<String> ignored) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !ignored.contains(n)).sorted().toList();
        }
    }
}

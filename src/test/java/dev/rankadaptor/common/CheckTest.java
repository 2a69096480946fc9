package dev.rankadaptor.common;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckTest {
    @Test
    void rangeFailureNamesTheField() {
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> Check.openRange("ratio", 1.0, 0, 1));
        assertEquals("ratio", e.field());
        assertTrue(e.getMessage().startsWith("ratio: must be in (0.0, 1.0)"), e.getMessage());
    }

    @Test
    void atomicWriteReplacesContent() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("atomic");
        java.nio.file.Path f = dir.resolve("a.json");
        AtomicFiles.writeString(f, "one");
        AtomicFiles.writeString(f, "two");
        assertEquals("two", java.nio.file.Files.readString(f));
        try (var s = java.nio.file.Files.list(dir)) {
            assertEquals(1, s.count(), "no temp files left behind");
        }
    }
}

package dev.rankadaptor.common;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileTreesTest {
    @Test
    void deleteTreeRemovesNestedFoldersAndIgnoresAMissingOne(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("r");
        Files.createDirectories(root.resolve("a/b"));
        Files.writeString(root.resolve("a/b/f.txt"), "x");
        Files.writeString(root.resolve("g.txt"), "y");
        FileTrees.deleteTree(root);
        assertFalse(Files.exists(root));
        FileTrees.deleteTree(root); // nothing there: no error
        assertTrue(Files.isDirectory(dir));
    }

    @Test
    void linkOrCopyTreeRecreatesTheTree(@TempDir Path dir) throws Exception {
        Path from = dir.resolve("from");
        Files.createDirectories(from.resolve("sub/empty"));
        Files.writeString(from.resolve("top.json"), "{}");
        Files.writeString(from.resolve("sub/w.bin"), "weights");
        Path to = dir.resolve("to");
        FileTrees.linkOrCopyTree(from, to);
        assertEquals("{}", Files.readString(to.resolve("top.json")));
        assertEquals("weights", Files.readString(to.resolve("sub/w.bin")));
        assertTrue(Files.isDirectory(to.resolve("sub/empty")));
        FileTrees.deleteTree(to);
        assertEquals("weights", Files.readString(from.resolve("sub/w.bin")), "deleting the copy keeps the source");
    }
}

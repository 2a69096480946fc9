package dev.rankadaptor.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Folder-tree operations shared by the exports, pruning, checkpoint conversion, run folders and the
 * benches, so that deleting or copying a folder is written (and its errors worded) once.
 */
public final class FileTrees {
    private FileTrees() {
    }

    /** Deletes a folder and everything in it (or a single file); nothing happens when it does not exist. */
    public static void deleteTree(Path dir) {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            List<Path> all = s.sorted(Comparator.reverseOrder()).toList();
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Recreates the tree under {@code from} at {@code to} (which must not hold any of its files yet):
     * files are hard-linked where the file system allows it and copied otherwise. Only for files that
     * are never modified in place afterwards, since a link shares the bytes.
     */
    public static void linkOrCopyTree(Path from, Path to) {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    try {
                        Files.createLink(dest, p);
                    } catch (IOException | UnsupportedOperationException e) {
                        Files.copy(p, dest);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }
}

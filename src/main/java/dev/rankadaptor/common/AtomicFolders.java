package dev.rankadaptor.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Publishes a whole output folder at once: everything is written into a hidden temp folder beside
 * the target, which is then renamed into place, so a reader (or a crash) never sees a half-written
 * checkpoint under the target name. Used by pruning and by checkpoint conversion.
 */
public final class AtomicFolders {
    private AtomicFolders() {
    }

    /** A fresh, empty temp folder beside {@code target}. */
    public static Path tempBeside(Path target) {
        Path abs = target.toAbsolutePath();
        try {
            Files.createDirectories(abs.getParent());
            return Files.createTempDirectory(abs.getParent(), "." + abs.getFileName() + ".tmp-");
        } catch (IOException e) {
            throw new UserInputException("cannot create a folder beside " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Renames {@code temp} to {@code target}. An existing target is refused unless
     * {@code overwrite}, in which case it is moved aside first and deleted after the swap.
     */
    public static void publish(Path temp, Path target, boolean overwrite) {
        Path abs = target.toAbsolutePath();
        try {
            Path old = null;
            if (Files.exists(abs)) {
                if (!overwrite) {
                    throw new UserInputException("output folder " + target + " already exists: choose a new folder or allow overwriting");
                }
                old = Files.createTempDirectory(abs.getParent(), "." + abs.getFileName() + ".old-");
                Files.delete(old);
                move(abs, old);
            }
            move(temp, abs);
            if (old != null) {
                deleteTree(old);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not publish " + target + ": " + e.getMessage(), e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /** Deletes a folder and everything in it; quiet when it does not exist. */
    public static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + root + ": " + e.getMessage(), e);
        }
    }
}

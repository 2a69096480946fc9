package dev.rankadaptor.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Publishes a whole folder at once into a target that must be new or empty: the content is written
 * into a hidden sibling ({@code .<name>.partial-<id>}), every file is fsynced, and the sibling is
 * renamed onto the target, so the target never holds half an export and nothing of the user's is
 * ever overwritten. Used by the exports (adapters, Hugging Face model folders), pruning and
 * checkpoint conversion.
 */
public final class AtomicFolders {
    private AtomicFolders() {
    }

    /** Refuses a target that is a file or a folder with anything in it; {@code what} says what goes there. */
    public static void requireNewOrEmpty(Path target, String what) {
        Path to = target.toAbsolutePath().normalize();
        if (Files.exists(to) && !Files.isDirectory(to)) {
            throw new UserInputException(to + " is a file: choose an empty or new folder for " + what);
        }
        if (Files.isDirectory(to)) {
            try (Stream<Path> s = Files.list(to)) {
                if (s.findAny().isPresent()) {
                    throw new UserInputException(to + " is not empty: choose an empty or new folder for " + what
                            + " (nothing was overwritten)");
                }
            } catch (IOException e) {
                throw new UserInputException("cannot read " + to + ": " + e.getMessage(), e);
            }
        }
    }

    /** A new, empty hidden folder beside {@code target} (its parent is created when missing). */
    public static Path tempBeside(Path target) {
        Path to = target.toAbsolutePath().normalize();
        Path parent = to.getParent();
        if (parent == null) {
            throw new UserInputException("cannot write into the file-system root " + to);
        }
        Path tmp = parent.resolve("." + to.getFileName() + ".partial-" + UUID.randomUUID().toString().substring(0, 8));
        try {
            Files.createDirectories(parent);
            return Files.createDirectory(tmp);
        } catch (IOException e) {
            throw new UserInputException("cannot create a folder beside " + to + ": " + e.getMessage(), e);
        }
    }

    /**
     * Fsyncs every file under {@code tmp}, renames it onto {@code target} (an empty target folder
     * is replaced, a non-empty one refused) and makes the rename durable.
     */
    public static void publish(Path tmp, Path target) {
        Path to = target.toAbsolutePath().normalize();
        try {
            try (Stream<Path> s = Files.walk(tmp)) {
                for (Path p : s.filter(Files::isRegularFile).toList()) {
                    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                        ch.force(true);
                    }
                }
            }
            try (Stream<Path> s = Files.walk(tmp)) {
                s.filter(Files::isDirectory).forEach(AtomicFolders::syncFolder);
            }
            if (Files.isDirectory(to)) {
                try {
                    Files.delete(to); // empty (checked before writing); fails if someone filled it meanwhile
                } catch (DirectoryNotEmptyException e) {
                    throw new UserInputException(to + " is not empty: choose an empty or new folder (nothing was overwritten)");
                }
            }
            try {
                Files.move(tmp, to, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, to);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                throw new UserInputException(to + " appeared while writing: nothing was overwritten");
            }
            syncFolder(to.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("could not publish " + to + ": " + e.getMessage(), e);
        }
    }

    /**
     * Publishes {@code tmp} as {@code target}, which must not exist unless {@code overwrite}: then the
     * old folder is moved aside first and deleted only after the new one is in place.
     */
    public static void publish(Path tmp, Path target, boolean overwrite) {
        Path to = target.toAbsolutePath().normalize();
        if (!Files.exists(to)) {
            publish(tmp, to);
            return;
        }
        if (!overwrite) {
            throw new UserInputException("output folder " + target + " already exists: choose a new folder or allow overwriting");
        }
        Path old = to.getParent().resolve("." + to.getFileName() + ".old-" + UUID.randomUUID().toString().substring(0, 8));
        try {
            try {
                Files.move(to, old, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(to, old);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not move the old " + to + " aside: " + e.getMessage(), e);
        }
        publish(tmp, to);
        FileTrees.deleteTree(old);
    }

    /** Makes a folder's entries durable (POSIX); a no-op where folders cannot be opened. */
    public static void syncFolder(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open folders; the files themselves were forced
        }
    }
}

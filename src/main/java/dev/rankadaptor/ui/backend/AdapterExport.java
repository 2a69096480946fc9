package dev.rankadaptor.ui.backend;

import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.common.UserInputException;
import dev.rankadaptor.experiment.MethodRow;
import dev.rankadaptor.experiment.ResultsTable;
import dev.rankadaptor.experiment.RunDirectory;

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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * "Export adapter (PEFT)": lists the adapters a run folder holds ({@code adapters/<method>/}, written
 * for the repeat trials), best method first by its mean score over the target tasks, and copies one
 * to a folder of the user's choice so it can be loaded with Python PEFT next to the base model.
 * The copy is all-or-nothing: the adapter is checked ({@link AdapterCheck}), copied into a hidden
 * temporary sibling of the target, fsynced, checked again and renamed into place, so a crash or a
 * full disk never leaves a half adapter under the target's name. A non-empty target is refused.
 * No JavaFX here: the Results panel runs this through its executor.
 */
public final class AdapterExport {
    private AdapterExport() {
    }

    /**
     * An adapter a run holds.
     *
     * @param method    method id (the adapter's folder name), e.g. "rankadaptor"
     * @param label     display name, e.g. "RankAdaptor"
     * @param meanScore mean over repeats of the method's average target score; NaN when the results lack it
     * @param folder    the adapter folder inside the run
     */
    public record Candidate(String method, String label, double meanScore, Path folder) {
        @Override
        public String toString() {
            return Double.isNaN(meanScore) ? label : label + String.format(java.util.Locale.ROOT, " (mean %.4f)", meanScore);
        }
    }

    /**
     * The adapters of {@code runFolder}, best first (highest mean score; adapters with no score last,
     * by name). {@code results} may be null (no scores known). Empty when the run has no adapters.
     */
    public static List<Candidate> candidates(Path runFolder, ResultsTable results) {
        Path adapters = runFolder.resolve(RunDirectory.ADAPTERS);
        if (!Files.isDirectory(adapters)) {
            return List.of();
        }
        List<Candidate> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(adapters)) {
            for (Path p : s.filter(Files::isDirectory).sorted().toList()) {
                String method = p.getFileName().toString();
                if (method.startsWith(".")) {
                    continue;
                }
                MethodRow row = results == null ? null : results.measuredRows().stream()
                        .filter(m -> m.method().equals(method)).findFirst().orElse(null);
                out.add(new Candidate(method, row != null ? row.label() : MethodRow.defaultLabel(method),
                        row != null ? row.average().mean() : Double.NaN, p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + adapters + ": " + e.getMessage(), e);
        }
        out.sort(Comparator.comparing((Candidate c) -> Double.isNaN(c.meanScore()))
                .thenComparing(Comparator.comparingDouble(Candidate::meanScore).reversed())
                .thenComparing(Candidate::method));
        return out;
    }

    /** The best adapter of a run (see {@link #candidates}), if it has any. */
    public static Optional<Candidate> best(Path runFolder, ResultsTable results) {
        return candidates(runFolder, results).stream().findFirst();
    }

    /**
     * Copies the adapter folder {@code source} to {@code target} atomically (see the class comment).
     * {@code target} must not exist or be an empty folder.
     *
     * @return the check of the copy as written
     * @throws UserInputException naming the file when the adapter is invalid or the target is not empty
     */
    public static AdapterCheck.Summary export(Path source, Path target, CancellationToken token) {
        AdapterCheck.check(source);
        Path to = target.toAbsolutePath().normalize();
        refuseNonEmpty(to);
        Path parent = to.getParent();
        if (parent == null) {
            throw new UserInputException("cannot export an adapter to the file-system root " + to);
        }
        Path tmp = parent.resolve("." + to.getFileName() + ".partial-" + UUID.randomUUID().toString().substring(0, 8));
        try {
            Files.createDirectories(parent);
            Files.createDirectory(tmp);
            try {
                List<Path> files;
                try (Stream<Path> s = Files.list(source)) {
                    files = s.filter(Files::isRegularFile).sorted().toList();
                }
                for (Path f : files) {
                    token.throwIfCancelled();
                    Path copy = tmp.resolve(f.getFileName().toString());
                    Files.copy(f, copy, StandardCopyOption.COPY_ATTRIBUTES);
                    try (FileChannel ch = FileChannel.open(copy, StandardOpenOption.WRITE)) {
                        ch.force(true);
                    }
                }
                syncFolder(tmp);
                AdapterCheck.Summary summary = AdapterCheck.check(tmp);
                token.throwIfCancelled();
                moveIntoPlace(tmp, to);
                syncFolder(parent);
                return new AdapterCheck.Summary(to, summary.rank(), summary.modules(), summary.targets(), summary.weightsBytes());
            } finally {
                deleteTree(tmp);
            }
        } catch (IOException e) {
            throw new UserInputException("could not export the adapter to " + to + ": " + e, e);
        }
    }

    private static void refuseNonEmpty(Path to) {
        if (Files.exists(to) && !Files.isDirectory(to)) {
            throw new UserInputException(to + " is a file: choose an empty or new folder for the adapter");
        }
        if (Files.isDirectory(to)) {
            try (Stream<Path> s = Files.list(to)) {
                if (s.findAny().isPresent()) {
                    throw new UserInputException(to + " is not empty: choose an empty or new folder (nothing was overwritten)");
                }
            } catch (IOException e) {
                throw new UserInputException("cannot read " + to + ": " + e.getMessage(), e);
            }
        }
    }

    /** Renames the finished copy onto the target name; an empty target folder is replaced, a non-empty one refused. */
    private static void moveIntoPlace(Path tmp, Path to) throws IOException {
        if (Files.isDirectory(to)) {
            try {
                Files.delete(to); // empty (checked before the copy); fails if someone filled it meanwhile
            } catch (DirectoryNotEmptyException e) {
                throw new UserInputException(to + " is not empty: choose an empty or new folder (nothing was overwritten)");
            }
        }
        try {
            Files.move(tmp, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, to);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            throw new UserInputException(to + " appeared while copying: nothing was overwritten");
        }
    }

    /** Makes a folder's entries durable (POSIX); a no-op where folders cannot be opened. */
    private static void syncFolder(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open folders; the files themselves were forced
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

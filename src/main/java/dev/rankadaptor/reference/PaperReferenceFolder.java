package dev.rankadaptor.reference;

import dev.rankadaptor.reference.PaperReference;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Recognises the paper-reference sample project (a folder with the paper's tables.json and
 * rank-configs.json but no project.json) and reads it. That project is data only: the workbench
 * shows its rows and Table 10 and runs nothing. The views always draw the copy bundled in the
 * application; reading the folder validates it and says whether it matches that copy.
 *
 * @param folder       the folder read
 * @param reference    its content, validated by {@link PaperReference#load}
 * @param sameAsBundled whether it equals the bundled copy the views show
 */
public record PaperReferenceFolder(Path folder, PaperReference reference, boolean sameAsBundled) {

    /** The reference folder {@code path} is, or lies in; null when it is not one (e.g. a project.json). */
    public static Path of(Path path) {
        if (path == null) {
            return null;
        }
        Path abs = path.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) {
            return isReference(abs) ? abs : null;
        }
        Path parent = abs.getParent();
        if (parent == null || abs.getFileName().toString().equals("project.json")) {
            return null;
        }
        return isReference(parent) ? parent : null;
    }

    private static boolean isReference(Path folder) {
        return Files.isRegularFile(folder.resolve(PaperReference.TABLES_FILE))
                && Files.isRegularFile(folder.resolve(PaperReference.RANK_CONFIGS_FILE))
                && !Files.exists(folder.resolve("project.json"));
    }

    /** Reads and validates the folder (a UserInputException naming the file when it is broken). */
    public static PaperReferenceFolder read(Path folder) {
        PaperReference ref = PaperReference.load(folder);
        PaperReference bundled = PaperReference.bundled();
        boolean same = ref.tables().equals(bundled.tables()) && ref.rankConfigs().equals(bundled.rankConfigs());
        return new PaperReferenceFolder(folder, ref, same);
    }

    /** The status line: what is shown, that nothing is computed, and whether the folder matches the bundled copy. */
    public String statusLine() {
        int rows = reference.tables().tables().stream().mapToInt(t -> t.rows().size()).sum();
        int configs = reference.rankConfigs().rows().size();
        return "paper reference " + folder.getFileName() + ": " + rows + " published result rows (Results) and Table 10's "
                + configs + " rank rows (Results, Charts); data only, nothing is computed"
                + (sameAsBundled ? "" : " — NOTE: this folder differs from the copy bundled in the workbench, which is what is shown");
    }
}

package dev.rankadaptor.eval;

import dev.rankadaptor.common.UserInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds a task's data files inside a dataset folder as the Hugging Face tools or the original
 * releases leave it: a hub-cache repository ({@code datasets--allenai--ai2_arc}, whose snapshot
 * named by {@code refs/main} is used), a {@code datasets} cache folder
 * ({@code allenai___ai2_arc/ARC-Easy/0.0.0/<hash>/ai2_arc-test.arrow}), a downloaded dataset
 * folder or an unpacked original release. The configuration (ARC-Easy, OpenBookQA "main",
 * winogrande_xl) and the split the paper evaluates (test for ARC and OpenBookQA, validation for
 * the others; "valid", "val" and "dev" count as validation) are picked by path and file name.
 */
public final class DatasetFolder {
    private static final Set<String> DATA_EXTENSIONS = Set.of("parquet", "arrow", "jsonl", "json");
    private static final List<String> PREFERRED = List.of("parquet", "arrow", "jsonl", "json");
    private static final int MAX_DEPTH = 8;

    private DatasetFolder() {
    }

    /** Dataset repositories ("owner/name") the task is published under; folder names are derived from them. */
    static List<String> repositories(TaskKind kind) {
        return switch (kind) {
            case BOOLQ -> List.of("google/boolq", "aps/super_glue", "super_glue", "boolq");
            case PIQA -> List.of("ybisk/piqa", "baber/piqa", "piqa");
            case HELLASWAG -> List.of("Rowan/hellaswag", "hellaswag");
            case WINOGRANDE -> List.of("allenai/winogrande", "winogrande");
            case ARC_EASY, ARC_CHALLENGE -> List.of("allenai/ai2_arc", "ai2_arc");
            case OPENBOOKQA -> List.of("allenai/openbookqa", "openbookqa");
        };
    }

    /** The configuration inside a multi-config dataset, or null. */
    static String configHint(TaskKind kind) {
        return switch (kind) {
            case BOOLQ -> "boolq";
            case WINOGRANDE -> "winogrande_xl";
            case ARC_EASY -> "ARC-Easy";
            case ARC_CHALLENGE -> "ARC-Challenge";
            case OPENBOOKQA -> "main";
            default -> null;
        };
    }

    /** The split the paper's tables are measured on. */
    public static String split(TaskKind kind) {
        return kind == TaskKind.ARC_EASY || kind == TaskKind.ARC_CHALLENGE || kind == TaskKind.OPENBOOKQA ? "test" : "validation";
    }

    /** Names a dataset folder of the task may have inside a task folder (or a cache root), in search order. */
    static List<String> folderNames(TaskKind kind) {
        List<String> out = new ArrayList<>();
        out.add(kind.id());
        for (String repo : repositories(kind)) {
            int slash = repo.indexOf('/');
            if (slash > 0) {
                out.add("datasets--" + repo.replace("/", "--"));
                out.add(repo.replace("/", "___"));
                out.add(repo.substring(slash + 1));
            } else {
                out.add("datasets--" + repo);
                out.add(repo);
            }
        }
        out.addAll(releaseFolders(kind));
        return out.stream().distinct().toList();
    }

    /** Folder names of the unpacked original releases. */
    static List<String> releaseFolders(TaskKind kind) {
        return switch (kind) {
            case PIQA -> List.of("physicaliqa-train-dev");
            case WINOGRANDE -> List.of("winogrande_1.1", "winogrande_1.0");
            case ARC_EASY, ARC_CHALLENGE -> List.of("ARC-V1-Feb2018-2", "ARC-V1-Feb2018");
            case OPENBOOKQA -> List.of("OpenBookQA-V1-Sep2018");
            default -> List.of();
        };
    }

    /**
     * The split's files under {@code dir} (several shards in name order); a user error naming the
     * folder, the split and the data files seen when none fits.
     */
    public static List<Path> splitFiles(Path dir, TaskKind kind) {
        Path root = snapshotRoot(dir);
        List<Path> all = dataFiles(root);
        String hint = configHint(kind);
        List<Path> files = all;
        if (hint != null) {
            Pattern p = Pattern.compile("(^|[^a-z0-9])" + Pattern.quote(hint.toLowerCase(Locale.ROOT)) + "($|[^a-z0-9])");
            List<Path> inConfig = all.stream().filter(f -> p.matcher(relative(root, f)).find()).toList();
            if (!inConfig.isEmpty()) {
                files = inConfig;
            }
        }
        Set<String> aliases = split(kind).equals("test") ? Set.of("test") : Set.of("validation", "valid", "val", "dev");
        List<Path> inSplit = files.stream().filter(f -> hasToken(f, aliases)).toList();
        if (inSplit.isEmpty()) {
            throw new UserInputException(dir + ": no " + split(kind) + " split of " + kind.displayName()
                    + (hint == null ? "" : " (configuration " + hint + ")") + " found (expected a file named like "
                    + (split(kind).equals("test") ? "test-00000-of-00001.parquet or <name>-test.arrow" : "validation-00000-of-00001.parquet, <name>-validation.arrow or dev.jsonl")
                    + "; data files seen: " + (all.isEmpty() ? "none" : all.stream().limit(8).map(f -> relative(root, f)).toList()) + ")");
        }
        return newestFolderOneFormat(inSplit);
    }

    /** A hub-cache repository folder resolves to its snapshot (refs/main, else the newest); any other folder to itself. */
    static Path snapshotRoot(Path dir) {
        Path snapshots = dir.resolve("snapshots");
        if (!Files.isDirectory(snapshots)) {
            return dir;
        }
        Path ref = dir.resolve("refs").resolve("main");
        try {
            if (Files.isRegularFile(ref)) {
                Path named = snapshots.resolve(Files.readString(ref).strip());
                if (Files.isDirectory(named)) {
                    return named;
                }
            }
            try (Stream<Path> s = Files.list(snapshots)) {
                return s.filter(Files::isDirectory).max(Comparator.comparing(DatasetFolder::modified)).orElse(dir);
            }
        } catch (IOException e) {
            throw new UserInputException(dir + ": cannot list the hub-cache snapshots: " + e.getMessage(), e);
        }
    }

    private static List<Path> dataFiles(Path root) {
        try (Stream<Path> s = Files.walk(root, MAX_DEPTH, FileVisitOption.FOLLOW_LINKS)) {
            return s.filter(Files::isRegularFile)
                    .filter(f -> {
                        String rel = relative(root, f);
                        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
                        return DATA_EXTENSIONS.contains(extension(n)) && !n.startsWith("cache-") && !n.startsWith(".")
                                && !n.equals("dataset_info.json") && !n.equals("state.json") && !n.equals("dataset_dict.json")
                                && !rel.startsWith("blobs/") && !rel.contains("/.") && !rel.startsWith(".");
                    })
                    .sorted()
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw new UserInputException(root + ": cannot list the dataset folder: " + e.getMessage(), e);
        }
    }

    /** When several folders (cache versions) or formats hold the split, the newest folder and one format win. */
    private static List<Path> newestFolderOneFormat(List<Path> files) {
        Map<Path, List<Path>> byFolder = new LinkedHashMap<>();
        for (Path f : files) {
            byFolder.computeIfAbsent(f.getParent(), k -> new ArrayList<>()).add(f);
        }
        List<Path> chosen = byFolder.values().stream()
                .max(Comparator.comparing(l -> l.stream().map(DatasetFolder::modified).max(Comparator.naturalOrder()).orElseThrow()))
                .orElseThrow();
        for (String ext : PREFERRED) {
            List<Path> of = chosen.stream().filter(f -> extension(f.getFileName().toString().toLowerCase(Locale.ROOT)).equals(ext)).toList();
            if (!of.isEmpty()) {
                return of;
            }
        }
        return chosen;
    }

    private static boolean hasToken(Path f, Set<String> tokens) {
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        n = n.substring(0, n.length() - extension(n).length() - 1);
        for (String t : n.split("[^a-z0-9]+")) {
            if (tokens.contains(t)) {
                return true;
            }
        }
        return false;
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1);
    }

    private static String relative(Path root, Path f) {
        return root.relativize(f).toString().replace('\\', '/').toLowerCase(Locale.ROOT);
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}

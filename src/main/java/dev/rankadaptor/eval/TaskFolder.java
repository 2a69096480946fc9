package dev.rankadaptor.eval;

import dev.rankadaptor.common.UserInputException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Finds and loads task data in a folder, so a project only has to name a folder and the tasks.
 * Per task, in this order: a file with the canonical base name ({@link TaskKind#fileName()}, or
 * the same base name with ".json", ".parquet" or ".arrow"; the format is read from the content),
 * then a dataset folder named after the task or its Hugging Face repository (a hub-cache
 * {@code datasets--owner--name}, a datasets-cache {@code owner___name}, a plain download or an
 * original release), whose split files {@link DatasetFolder} picks. The folder may therefore
 * also be {@code ~/.cache/huggingface/hub} or {@code ~/.cache/huggingface/datasets} itself.
 */
public final class TaskFolder {
    private static final List<String> EXTENSIONS = List.of(".jsonl", ".json", ".parquet", ".arrow");

    private TaskFolder() {
    }

    /** The (first) data file of one task in the folder; a user error naming what was looked for when absent. */
    public static Path locate(Path folder, TaskKind kind) {
        return find(folder, kind).get(0);
    }

    /** The data files of one task (shards of one split in name order); a user error naming what was looked for. */
    public static List<Path> find(Path folder, TaskKind kind) {
        String base = kind.fileName().replaceFirst("\\.jsonl$", "");
        for (String ext : EXTENSIONS) {
            Path f = folder.resolve(base + ext);
            if (Files.isRegularFile(f)) {
                return List.of(f);
            }
        }
        for (String name : DatasetFolder.folderNames(kind)) {
            Path d = folder.resolve(name);
            if (Files.isDirectory(d)) {
                return DatasetFolder.splitFiles(d, kind);
            }
        }
        throw new UserInputException(folder + ": no data for " + kind.displayName() + " (expected " + kind.fileName()
                + " or " + base + ".json / .parquet / .arrow, or a dataset folder named one of "
                + DatasetFolder.folderNames(kind) + ")");
    }

    /** Loads one task from the folder, validating every row. */
    public static TaskData load(Path folder, TaskKind kind) {
        return TaskData.load(kind, find(folder, kind));
    }

    /** Loads the given tasks (in the given order) from the folder, validating every row. */
    public static List<TaskData> loadAll(Path folder, Collection<TaskKind> kinds) {
        if (!Files.isDirectory(folder)) {
            throw new UserInputException(folder + ": not a folder (expected the folder holding the task data files)");
        }
        List<TaskData> out = new ArrayList<>(kinds.size());
        for (TaskKind k : kinds) {
            out.add(load(folder, k));
        }
        return out;
    }
}

package dev.rankadaptor.eval;

import dev.rankadaptor.common.UserInputException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Finds and loads task data files in a folder by their canonical names ({@link TaskKind#fileName()},
 * or the same base name with ".json"), so a project only has to name a folder and the tasks.
 */
public final class TaskFolder {
    private TaskFolder() {
    }

    /** The data file of one task in the folder; a user error naming both accepted names when absent. */
    public static Path locate(Path folder, TaskKind kind) {
        Path jsonl = folder.resolve(kind.fileName());
        if (Files.isRegularFile(jsonl)) {
            return jsonl;
        }
        String json = kind.fileName().replaceFirst("\\.jsonl$", ".json");
        Path alt = folder.resolve(json);
        if (Files.isRegularFile(alt)) {
            return alt;
        }
        throw new UserInputException(folder + ": no data file for " + kind.displayName() + " (expected "
                + kind.fileName() + " or " + json + ")");
    }

    /** Loads the given tasks (in the given order) from the folder, validating every row. */
    public static List<TaskData> loadAll(Path folder, Collection<TaskKind> kinds) {
        if (!Files.isDirectory(folder)) {
            throw new UserInputException(folder + ": not a folder (expected the folder holding the task data files)");
        }
        List<TaskData> out = new ArrayList<>(kinds.size());
        for (TaskKind k : kinds) {
            out.add(TaskData.load(k, locate(folder, k)));
        }
        return out;
    }
}

package dev.rankadaptor.eval;

import dev.rankadaptor.common.Check;
import dev.rankadaptor.common.InvalidFieldException;
import dev.rankadaptor.common.UserInputException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A task's items ready to score, converted and validated in full at load time so that a bad row
 * is reported before any (expensive) model work starts.
 *
 * @param kind   the task
 * @param source where the items came from (file path or resource name), for reports
 * @param items  the items in file order; never empty
 */
public record TaskData(TaskKind kind, String source, List<EvalItem> items) {
    public TaskData {
        Check.notNull("kind", kind);
        Check.notNull("source", source);
        Check.notNull("items", items);
        items = List.copyOf(items);
        if (items.isEmpty()) {
            throw new InvalidFieldException("items", "must not be empty");
        }
    }

    /** Reads and converts a JSONL / JSON file of the task's Hugging Face rows. */
    public static TaskData load(TaskKind kind, Path file) {
        return fromRows(kind, file.toString(), TaskDataReader.read(file));
    }

    /** Converts rows; a row that does not fit the task fails with file, line and field. */
    public static TaskData fromRows(TaskKind kind, String source, List<DataRow> rows) {
        if (rows.isEmpty()) {
            throw new UserInputException(source + ": no rows (expected at least one " + kind.id() + " row)");
        }
        TaskDefinition def = kind.definition();
        List<EvalItem> items = new ArrayList<>(rows.size());
        for (DataRow row : rows) {
            items.add(def.toItem(row));
        }
        return new TaskData(kind, source, items);
    }

    public int size() {
        return items.size();
    }
}

package dev.rankadaptor.eval;

import dev.rankadaptor.common.Check;
import dev.rankadaptor.common.InvalidFieldException;
import dev.rankadaptor.common.UserInputException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A task's items ready to score, converted and validated in full at load time so that a bad row
 * is reported before any (expensive) model work starts.
 *
 * @param kind   the task
 * @param source where the items came from (file path or resource name), for reports
 * @param items  the items in file order; never empty
 * @param format what was read, for the Data files table: container(s) and row layout, e.g.
 *               "Parquet, 2 files" or "JSON Lines, original ARC release"; empty when unknown
 */
public record TaskData(TaskKind kind, String source, List<EvalItem> items, String format) {
    public TaskData {
        Check.notNull("kind", kind);
        Check.notNull("source", source);
        Check.notNull("items", items);
        format = format == null ? "" : format;
        items = List.copyOf(items);
        if (items.isEmpty()) {
            throw new InvalidFieldException("items", "must not be empty");
        }
    }

    /** Items without a format description (bundled resources, tests). */
    public TaskData(TaskKind kind, String source, List<EvalItem> items) {
        this(kind, source, items, "");
    }

    /** Reads and converts one file of the task's rows, in any {@link DataFormat}. */
    public static TaskData load(TaskKind kind, Path file) {
        return load(kind, List.of(file));
    }

    /**
     * Reads and converts the files of one split (shards, in order), in any {@link DataFormat};
     * PIQA rows without labels take them from the release's {@code <name>-labels.lst} beside the file.
     */
    public static TaskData load(TaskKind kind, List<Path> files) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no files");
        }
        List<DataRow> rows = new ArrayList<>();
        Set<String> formats = new LinkedHashSet<>();
        boolean labelsFile = false;
        for (Path f : files) {
            List<DataRow> part = TaskDataReader.read(f);
            if (kind == TaskKind.PIQA && !part.isEmpty() && !part.get(0).has("label")) {
                part = PiqaLabels.attach(f, part);
                labelsFile = true;
            }
            formats.add(DataFormat.detect(f).label());
            rows.addAll(part);
        }
        String source = files.size() == 1 ? files.get(0).toString() : files.get(0).getParent() + " (" + files.size() + " files)";
        TaskData data = fromRows(kind, source, rows);
        String layout = labelsFile ? "original PIQA release (labels file)" : rows.isEmpty() ? null : kind.definition().layout(rows.get(0));
        String format = String.join(" + ", formats) + (files.size() > 1 ? ", " + files.size() + " files" : "")
                + (layout == null ? "" : ", " + layout);
        return new TaskData(kind, source, data.items(), format);
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

package dev.rankadaptor.reference;

import dev.rankadaptor.common.Check;
import dev.rankadaptor.common.InvalidFieldException;

import java.util.List;
import java.util.Optional;

/**
 * The content of {@code tables.json}: the paper's zero-shot results tables over a fixed task list.
 * Validation ensures that every row has exactly one score per task.
 */
public record PaperTables(int schemaVersion, String source, String unit, List<String> tasks, List<PaperTable> tables) {

    public PaperTables {
        PaperReference.checkSchema(schemaVersion);
        Check.notNull("tasks", tasks);
        Check.notNull("tables", tables);
        if (tasks.isEmpty()) {
            throw new InvalidFieldException("tasks", "at least one task is required");
        }
        for (PaperTable t : tables) {
            for (PaperRow r : t.rows()) {
                if (r.scores().size() != tasks.size()) {
                    throw new InvalidFieldException("tables[" + t.id() + "] row at source line " + r.sourceLine() + " scores",
                            "must have one score per task (" + tasks.size() + "), had " + r.scores().size());
                }
            }
        }
        tasks = List.copyOf(tasks);
        tables = List.copyOf(tables);
    }

    public Optional<PaperTable> table(String id) {
        return tables.stream().filter(t -> t.id().equals(id)).findFirst();
    }
}

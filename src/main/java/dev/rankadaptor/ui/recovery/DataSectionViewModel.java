package dev.rankadaptor.ui.recovery;

import dev.rankadaptor.common.InvalidFieldException;
import dev.rankadaptor.eval.TaskKind;
import dev.rankadaptor.experiment.SubsetSection;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The data half of the Recovery &amp; Search panel: which files a run reads (recovery data, task
 * folder), how many recovery examples are held out, which of the seven evaluation tasks score a
 * trial and which items (search / final subsets). Kept apart from {@link RecoverySearchViewModel}'s
 * numeric settings because these fields are paths resolved against the project folder and are
 * what the data-file checks watch. Texts are as the user typed them; {@link #errorProperty()}
 * names the first bad project-file field ("" when all are valid).
 */
public final class DataSectionViewModel {
    private final StringProperty dataFile = new SimpleStringProperty(this, "dataFile", "data/recovery_alpaca.json");
    private final StringProperty validationSize = new SimpleStringProperty(this, "validationSize", "2000");
    private final StringProperty taskFolder = new SimpleStringProperty(this, "taskFolder", "data/tasks");
    private final StringProperty searchSubset = new SimpleStringProperty(this, "searchSubset", "random 500 seed 0");
    private final StringProperty finalSubset = new SimpleStringProperty(this, "finalSubset", "all");
    private final ObservableSet<String> tasks = FXCollections.observableSet(
            Arrays.stream(TaskKind.values()).map(TaskKind::id).toArray(String[]::new));
    /** Folder relative paths resolve against: the open project's folder (null: the working directory). */
    private final ObjectProperty<Path> projectFolder = new SimpleObjectProperty<>(this, "projectFolder");
    private final StringProperty error = new SimpleStringProperty(this, "error", "");

    public DataSectionViewModel() {
        for (StringProperty p : List.of(dataFile, validationSize, taskFolder, searchSubset, finalSubset)) {
            p.addListener((o, a, b) -> validate());
        }
        tasks.addListener((javafx.collections.SetChangeListener<String>) c -> validate());
        validate();
    }

    /** The selected tasks in the canonical (paper) order. */
    public List<String> selectedTasks() {
        return Arrays.stream(TaskKind.values()).map(TaskKind::id).filter(tasks::contains).toList();
    }

    /** Resolves a path as written in the project (relative to the project folder, or absolute). */
    public Path resolve(String written) {
        Path p = Path.of(written.trim());
        Path base = projectFolder.get();
        return (p.isAbsolute() || base == null ? p : base.resolve(p)).toAbsolutePath().normalize();
    }

    /** recovery.validation_size, validated. */
    public int validationSizeValue() {
        try {
            int v = Integer.parseInt(validationSize.get().trim());
            if (v < 0) {
                throw new InvalidFieldException("recovery.validation_size", "must be >= 0, was " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new InvalidFieldException("recovery.validation_size", "must be a whole number, was '" + validationSize.get() + "'");
        }
    }

    /** Parses "all", "first N" or "random N [seed S]" into a subset; errors name {@code field}. */
    public static SubsetSection parseSubset(String field, String text) {
        String[] w = text == null ? new String[0] : text.trim().toLowerCase(Locale.ROOT).split("\\s+");
        try {
            if (w.length == 1 && w[0].equals("all")) {
                return SubsetSection.all();
            }
            if (w.length == 2 && w[0].equals("first")) {
                return positive(field, SubsetSection.first(Integer.parseInt(w[1])));
            }
            if (w[0].equals("random") && (w.length == 2 || (w.length == 4 && w[2].equals("seed")))) {
                long seed = w.length == 4 ? Long.parseLong(w[3]) : 0;
                return positive(field, SubsetSection.random(Integer.parseInt(w[1]), seed));
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new InvalidFieldException(field, "must be 'all', 'first N' or 'random N seed S', was '" + text + "'");
    }

    private static SubsetSection positive(String field, SubsetSection s) {
        if (s.count() < 1) {
            throw new InvalidFieldException(field, "count must be >= 1, was " + s.count());
        }
        return s;
    }

    /** The text form {@link #parseSubset} reads. */
    public static String formatSubset(SubsetSection s) {
        return switch (s.mode()) {
            case "first" -> "first " + s.count();
            case "random" -> "random " + s.count() + " seed " + s.seed();
            default -> "all";
        };
    }

    private void validate() {
        try {
            check();
            error.set("");
        } catch (InvalidFieldException e) {
            error.set(e.getMessage());
        }
    }

    /** Throws the first invalid field (named as in the project file). */
    public void check() {
        if (dataFile.get() == null || dataFile.get().isBlank()) {
            throw new InvalidFieldException("recovery.data_file", "is required (Alpaca-format JSON)");
        }
        validationSizeValue();
        if (taskFolder.get() == null || taskFolder.get().isBlank()) {
            throw new InvalidFieldException("evaluation.task_folder", "is required (folder with <task>.jsonl files)");
        }
        if (tasks.isEmpty()) {
            throw new InvalidFieldException("evaluation.tasks", "choose at least one task");
        }
        parseSubset("evaluation.search_subset", searchSubset.get());
        parseSubset("evaluation.final_subset", finalSubset.get());
    }

    public StringProperty dataFileProperty() {
        return dataFile;
    }

    public StringProperty validationSizeProperty() {
        return validationSize;
    }

    public StringProperty taskFolderProperty() {
        return taskFolder;
    }

    public StringProperty searchSubsetProperty() {
        return searchSubset;
    }

    public StringProperty finalSubsetProperty() {
        return finalSubset;
    }

    /** Selected task ids (harness ids, e.g. arc_easy). */
    public ObservableSet<String> tasks() {
        return tasks;
    }

    public ObjectProperty<Path> projectFolderProperty() {
        return projectFolder;
    }

    public StringProperty errorProperty() {
        return error;
    }
}

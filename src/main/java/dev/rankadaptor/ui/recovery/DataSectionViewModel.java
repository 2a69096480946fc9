package dev.rankadaptor.ui.recovery;

import dev.rankadaptor.common.InvalidFieldException;
import dev.rankadaptor.eval.TaskKind;
import dev.rankadaptor.experiment.EvaluationSection;
import dev.rankadaptor.experiment.ProjectFile;
import dev.rankadaptor.experiment.RecoverySection;
import dev.rankadaptor.experiment.SubsetSection;
import dev.rankadaptor.ui.form.SectionEditor.FieldText;
import dev.rankadaptor.ui.form.SectionEditor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;
import javafx.collections.SetChangeListener;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The data half of the Recovery &amp; Search panel: which files a run reads (recovery data, task
 * folder), how many recovery examples are held out, which of the seven evaluation tasks score a
 * trial and which items (search / final subsets). It edits the project's
 * {@link EvaluationSection} and the two data fields of its {@link RecoverySection} (through the
 * recovery editor it shares with {@link RecoverySearchViewModel}), so every check is the section's
 * own. Kept apart from the numeric settings because these fields are paths resolved against the
 * project folder and are what the data-file checks watch. {@link #errorProperty()} names the first
 * bad project-file field of this half ("" when all are valid).
 */
public final class DataSectionViewModel {
    private static final List<String> RECOVERY_FIELDS = List.of("dataFile", "validationSize");

    private final SectionEditor<RecoverySection> recovery;
    private final SectionEditor<EvaluationSection> evaluation;
    private final StringProperty dataFile;
    private final StringProperty validationSize;
    private final StringProperty taskFolder;
    private final StringProperty searchSubset;
    private final StringProperty finalSubset;
    private final ObservableSet<String> tasks = FXCollections.observableSet();
    /** Folder relative paths resolve against: the open project's folder (null: the working directory). */
    private final ObjectProperty<Path> projectFolder = new SimpleObjectProperty<>(this, "projectFolder");
    private final StringProperty error = new SimpleStringProperty(this, "error", "");
    private boolean loading;

    /** A data half on its own (with its own recovery editor), showing the project file's defaults. */
    public DataSectionViewModel() {
        this(new SectionEditor<>(dev.rankadaptor.experiment.Project.untitled().recovery()),
                dev.rankadaptor.experiment.Project.untitled().evaluation());
    }

    DataSectionViewModel(SectionEditor<RecoverySection> recovery, EvaluationSection initial) {
        this.recovery = recovery;
        this.evaluation = new SectionEditor<>(initial);
        dataFile = recovery.text("dataFile", RecoverySection::dataFile, (r, t) -> r.withDataFile(t.trim()));
        validationSize = recovery.text("validationSize", r -> Integer.toString(r.validationSize()),
                (r, t) -> r.withValidationSize(FieldText.integer("recovery.validation_size", t)));
        taskFolder = evaluation.text("taskFolder", EvaluationSection::taskFolder, (e, t) -> e.withTaskFolder(t.trim()));
        searchSubset = evaluation.text("searchSubset", e -> formatSubset(e.searchSubset()),
                (e, t) -> e.withSearchSubset(parseSubset("evaluation.search_subset", t)));
        finalSubset = evaluation.text("finalSubset", e -> formatSubset(e.finalSubset()),
                (e, t) -> e.withFinalSubset(parseSubset("evaluation.final_subset", t)));
        tasks.addAll(initial.tasks());
        tasks.addListener((SetChangeListener<String>) c -> {
            if (!loading) {
                evaluation.edit("tasks", e -> e.withTasks(selectedTasks()));
            }
        });
        recovery.errorProperty().addListener((o, a, b) -> showError());
        evaluation.errorProperty().addListener((o, a, b) -> showError());
        showError();
    }

    /** Shows a project's evaluation section (the recovery fields come with the shared recovery editor's load). */
    void load(EvaluationSection e) {
        loading = true;
        try {
            evaluation.load(e);
            tasks.retainAll(e.tasks());
            tasks.addAll(e.tasks());
        } finally {
            loading = false;
        }
        showError();
    }

    private void showError() {
        String r = recovery.errorOf(RECOVERY_FIELDS);
        error.set(r.isEmpty() ? evaluation.errorProperty().get() : r);
    }

    /** The evaluation section being edited, or the first refused edit's exception naming the field. */
    public EvaluationSection evaluation() {
        return evaluation.valid();
    }

    public ReadOnlyObjectProperty<EvaluationSection> evaluationProperty() {
        return evaluation.valueProperty();
    }

    /** The selected tasks in the canonical (paper) order. */
    public List<String> selectedTasks() {
        return Arrays.stream(TaskKind.values()).map(TaskKind::id).filter(tasks::contains).toList();
    }

    /** Resolves a path as written in the project (relative to the project folder, or absolute), as the run does. */
    public Path resolve(String written) {
        return ProjectFile.resolve(projectFolder.get(), written.trim());
    }

    /** recovery.validation_size, validated by the recovery section. */
    public int validationSizeValue() {
        recovery.checkOnly(List.of("validationSize"));
        return recovery.value().validationSize();
    }

    /** Parses "all", "first N" or "random N [seed S]" into a subset (counts are checked by the section); errors name {@code field}. */
    public static SubsetSection parseSubset(String field, String text) {
        String[] w = text == null ? new String[0] : text.trim().toLowerCase(Locale.ROOT).split("\\s+");
        try {
            if (w.length == 1 && w[0].equals("all")) {
                return SubsetSection.all();
            }
            if (w.length == 2 && w[0].equals("first")) {
                return SubsetSection.first(Integer.parseInt(w[1]));
            }
            if (w.length > 0 && w[0].equals("random") && (w.length == 2 || (w.length == 4 && w[2].equals("seed")))) {
                long seed = w.length == 4 ? Long.parseLong(w[3]) : 0;
                return SubsetSection.random(Integer.parseInt(w[1]), seed);
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new InvalidFieldException(field, "must be 'all', 'first N' or 'random N seed S', was '" + text + "'");
    }

    /** The text form {@link #parseSubset} reads. */
    public static String formatSubset(SubsetSection s) {
        return switch (s.mode()) {
            case "first" -> "first " + s.count();
            case "random" -> "random " + s.count() + " seed " + s.seed();
            default -> "all";
        };
    }

    /** Throws the first invalid field of this half (named as in the project file). */
    public void check() {
        recovery.checkOnly(RECOVERY_FIELDS);
        evaluation.valid();
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

package dev.rankadaptor.ui.state;

import dev.rankadaptor.experiment.ProjectFile;
import dev.rankadaptor.ui.trials.TrialRow;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

import java.nio.file.Path;
import java.util.List;

/**
 * The one observable state of a workbench window: the open project, its runs, the run shown, the
 * search trials and baseline lines of that run (live while it runs), the performance model's
 * layer importance and the methods' final configurations. The back end ({@code ui.backend}: the
 * project session, the run controller and its feed) only writes here; the window's view model
 * ({@code WorkbenchViewModel}) binds the panels to these properties, so neither side knows the
 * other and the package dependencies point one way (panels -> state <- back end). Changed on the
 * UI thread only, like every JavaFX property.
 */
public final class WorkbenchState {
    private final ObjectProperty<ProjectFile> project = new SimpleObjectProperty<>(this, "project");
    private final ObservableList<Path> runs = FXCollections.observableArrayList();
    private final ObjectProperty<Path> currentRun = new SimpleObjectProperty<>(this, "currentRun");
    private final StringProperty status = new SimpleStringProperty(this, "status", "");
    private final ObjectProperty<ShownRun> shownRun = new SimpleObjectProperty<>(this, "shownRun");
    private final ObservableList<TrialRow> trials = FXCollections.observableArrayList();
    private final ObservableMap<String, Double> baselines = FXCollections.observableHashMap();
    private final ObjectProperty<double[]> importance = new SimpleObjectProperty<>(this, "importance", new double[0]);
    private final ObjectProperty<Configurations> configurations = new SimpleObjectProperty<>(this, "configurations",
            Configurations.NONE);

    /** The open project file (null: none, or the paper reference is shown). */
    public ObjectProperty<ProjectFile> projectProperty() {
        return project;
    }

    /** The open project's run folders, oldest first. */
    public ObservableList<Path> runs() {
        return runs;
    }

    /** The run folder shown (and resumed by "Resume from journal"); set as soon as a run starts. */
    public ObjectProperty<Path> currentRunProperty() {
        return currentRun;
    }

    /** One line saying what the session did last (opened, saved, failed and why). */
    public StringProperty statusProperty() {
        return status;
    }

    /**
     * The run whose results the Results panel and the charts show, replaced (a new object) each
     * time a run is opened or ends; {@link ShownRun#PAPER_REFERENCE} while the paper reference
     * project is shown; null before anything was opened.
     */
    public ObjectProperty<ShownRun> shownRunProperty() {
        return shownRun;
    }

    /** The search trials of the shown run, in journal order (rows added while it runs). */
    public ObservableList<TrialRow> trials() {
        return trials;
    }

    /** Mean score per non-search method (the convergence chart's baseline lines). */
    public ObservableMap<String, Double> baselines() {
        return baselines;
    }

    /** The performance model's importance per model layer (empty: no model fitted yet). */
    public ObjectProperty<double[]> importanceProperty() {
        return importance;
    }

    /** Each method's final rank configuration (its repeat trials' ranks), for the configurations heatmap. */
    public ObjectProperty<Configurations> configurationsProperty() {
        return configurations;
    }

    /** Clears what a run showed (trials, baselines, importance), e.g. when a new run starts. */
    public void clearRun() {
        trials.clear();
        baselines.clear();
        importance.set(new double[0]);
    }

    /**
     * The methods' final configurations: one label and one rank vector per method.
     *
     * @param labels method labels, with their parameter share when known
     * @param ranks  one rank per searched layer, same order as {@code labels}
     */
    public record Configurations(List<String> labels, List<int[]> ranks) {
        public static final Configurations NONE = new Configurations(List.of(), List.of());

        public Configurations {
            if (labels.size() != ranks.size()) {
                throw new IllegalArgumentException("one rank vector per label: " + labels.size() + " labels, "
                        + ranks.size() + " rank vectors");
            }
            labels = List.copyOf(labels);
            ranks = List.copyOf(ranks);
        }
    }
}

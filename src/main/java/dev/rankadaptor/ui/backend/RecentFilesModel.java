package dev.rankadaptor.ui.backend;

import dev.rankadaptor.experiment.RecentFiles;
import dev.rankadaptor.ui.checkpoint.CheckpointViewModel;
import dev.rankadaptor.ui.exec.UiExecutor;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * The UI side of {@link RecentFiles}: the recent projects as an observable list for the project
 * bar (missing files kept, marked, so the user sees why one cannot be opened) and the checkpoint
 * panel's recent folders (missing folders dropped, with a note). All file access runs through the
 * {@link UiExecutor}; lists change on the UI thread only.
 */
public final class RecentFilesModel {
    private final UiExecutor executor;
    private final RecentFiles store;
    private final ObservableList<RecentFiles.Entry> projects = FXCollections.observableArrayList();
    private final StringProperty status = new SimpleStringProperty(this, "status", "");
    private CheckpointViewModel checkpoint;
    /** True while the checkpoint list is being filled from the store (its change must not be saved back). */
    private boolean filling;

    public RecentFilesModel(UiExecutor executor, RecentFiles store) {
        this.executor = executor;
        this.store = store;
    }

    /** Reads the stored lists in the background and shows them. */
    public void load() {
        executor.submit("read recent files", token -> {
            String warning = store.reload();
            return new Snapshot(store.entries(RecentFiles.Kind.PROJECTS), store.entries(RecentFiles.Kind.CHECKPOINTS), warning);
        }, this::show, e -> status.set("recent files: " + e.getMessage()));
    }

    /** Puts a project file at the top of the recent projects and saves the list. */
    public void rememberProject(Path projectFile) {
        update(s -> s.add(RecentFiles.Kind.PROJECTS, projectFile));
    }

    /** Keeps the checkpoint panel's recent folders in the store (and fills them from it on {@link #load}). */
    public void attach(CheckpointViewModel vm) {
        this.checkpoint = vm;
        Runnable persist = executor.coalescing(() -> {
            List<Path> paths = vm.recent().stream().map(Path::of).toList();
            update(s -> s.set(RecentFiles.Kind.CHECKPOINTS, paths));
        });
        vm.recent().addListener((ListChangeListener<String>) c -> {
            if (!filling) {
                persist.run();
            }
        });
    }

    private void update(Function<RecentFiles, List<Path>> change) {
        executor.submit("save recent files", token -> {
            change.apply(store);
            store.save();
            return new Snapshot(store.entries(RecentFiles.Kind.PROJECTS), store.entries(RecentFiles.Kind.CHECKPOINTS), "");
        }, this::show, e -> status.set("recent files not saved: " + e.getMessage()));
    }

    private record Snapshot(List<RecentFiles.Entry> projects, List<RecentFiles.Entry> checkpoints, String warning) {
    }

    private void show(Snapshot s) {
        projects.setAll(s.projects());
        long missing = s.projects().stream().filter(e -> !e.exists()).count();
        status.set(!s.warning().isEmpty() ? s.warning()
                : missing > 0 ? missing + " recent project(s) no longer exist (shown greyed)" : "");
        if (checkpoint != null) {
            List<String> present = s.checkpoints().stream().filter(RecentFiles.Entry::exists).map(e -> e.path().toString()).toList();
            int dropped = s.checkpoints().size() - present.size();
            if (!present.equals(checkpoint.recent())) {
                filling = true;
                try {
                    checkpoint.recent().setAll(present);
                } finally {
                    filling = false;
                }
            }
            checkpoint.recentNoteProperty().set(dropped > 0 ? dropped + " recent folder(s) no longer exist and are not listed" : "");
        }
    }

    /** Recent project files, newest first, with whether each still exists. */
    public ObservableList<RecentFiles.Entry> projects() {
        return projects;
    }

    /** A warning (corrupt list file, missing entries, failed save) or "". */
    public StringProperty statusProperty() {
        return status;
    }

    public RecentFiles store() {
        return store;
    }
}

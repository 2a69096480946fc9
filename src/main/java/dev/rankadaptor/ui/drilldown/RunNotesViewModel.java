package dev.rankadaptor.ui.drilldown;

import dev.rankadaptor.experiment.RunNotes;
import dev.rankadaptor.ui.exec.UiExecutor;
import dev.rankadaptor.ui.trials.TrialsTableModel;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.nio.file.Path;

/**
 * Notes and tags on the open run and its trials ({@link RunNotes}, the run folder's notes.json): read
 * in the background when a run is opened, edited in the detail pane, and written atomically in the
 * background on each save (a later save never loses to an earlier one still being written). The
 * trials table's notes search reads them through {@link TrialsTableModel#annotationsProperty()}.
 */
public final class RunNotesViewModel {
    private final UiExecutor executor;
    private final TrialsTableModel trials;
    private final ObjectProperty<Path> runFolder = new SimpleObjectProperty<>(this, "runFolder");
    private final ReadOnlyObjectWrapper<RunNotes> notes = new ReadOnlyObjectWrapper<>(this, "notes", RunNotes.EMPTY);
    private final StringProperty trialNote = new SimpleStringProperty(this, "trialNote", "");
    private final StringProperty trialTags = new SimpleStringProperty(this, "trialTags", "");
    private final StringProperty runNote = new SimpleStringProperty(this, "runNote", "");
    private final StringProperty runTags = new SimpleStringProperty(this, "runTags", "");
    private final StringProperty status = new SimpleStringProperty(this, "status", "");
    private final Object writeLock = new Object();
    private long edits;
    private long written;
    private long loads;

    public RunNotesViewModel(UiExecutor executor, TrialsTableModel trials) {
        this.executor = executor;
        this.trials = trials;
        runFolder.addListener((o, a, f) -> load());
        trials.selectedTrialProperty().addListener((o, a, i) -> showTrial());
        notes.addListener((o, a, n) -> {
            trials.annotationsProperty().set(n::trial);
            runNote.set(n.run().note());
            runTags.set(n.run().tagsText());
            showTrial();
        });
    }

    private void showTrial() {
        RunNotes.Annotation a = notes.get().trial(trials.getSelectedTrial());
        trialNote.set(a.note());
        trialTags.set(a.tagsText());
    }

    /** Reads the open run's notes.json (the newest request wins). */
    public void load() {
        long req = ++loads;
        Path folder = runFolder.get();
        if (folder == null) {
            notes.set(RunNotes.EMPTY);
            return;
        }
        executor.submit("read notes " + folder.getFileName(), token -> RunNotes.read(folder), n -> {
            if (req == loads) {
                notes.set(n);
                status.set("");
            }
        }, e -> {
            if (req == loads) {
                notes.set(RunNotes.EMPTY);
                status.set("notes not read: " + e.getMessage());
            }
        });
    }

    /** Saves the note and tags fields for the selected trial. */
    public void saveTrial() {
        int index = trials.getSelectedTrial();
        if (index < 0) {
            status.set("select a trial first");
            return;
        }
        RunNotes.Annotation a = parse(trialNote.get(), trialTags.get());
        if (a != null) {
            save(notes.get().withTrial(index, a), "trial " + index);
        }
    }

    /** Saves the run's note and tags fields. */
    public void saveRun() {
        RunNotes.Annotation a = parse(runNote.get(), runTags.get());
        if (a != null) {
            save(notes.get().withRun(a), "the run");
        }
    }

    private RunNotes.Annotation parse(String note, String tags) {
        try {
            return RunNotes.Annotation.of(note, tags);
        } catch (IllegalArgumentException e) {
            status.set("tags: " + e.getMessage());
            return null;
        }
    }

    private void save(RunNotes next, String what) {
        Path folder = runFolder.get();
        if (folder == null) {
            status.set("no run is open: notes are saved in a run folder");
            return;
        }
        notes.set(next);
        long version = ++edits;
        status.set("saving notes of " + what + " …");
        executor.submit("save notes " + folder.getFileName(), token -> {
            synchronized (writeLock) {
                if (version > written) {
                    next.write(folder);
                    written = version;
                }
            }
            return version;
        }, v -> {
            if (v == edits) {
                status.set("notes of " + what + " saved in " + RunNotes.file(folder));
            }
        }, e -> status.set("notes not saved: " + e.getMessage()));
    }

    public ObjectProperty<Path> runFolderProperty() {
        return runFolder;
    }

    public ReadOnlyObjectProperty<RunNotes> notesProperty() {
        return notes.getReadOnlyProperty();
    }

    public StringProperty trialNoteProperty() {
        return trialNote;
    }

    /** Comma-separated. */
    public StringProperty trialTagsProperty() {
        return trialTags;
    }

    public StringProperty runNoteProperty() {
        return runNote;
    }

    public StringProperty runTagsProperty() {
        return runTags;
    }

    public StringProperty statusProperty() {
        return status;
    }
}

package dev.rankadaptor.ui.recovery;

import dev.rankadaptor.pipeline.DataFileChecker;
import dev.rankadaptor.pipeline.DataFileCheck;
import dev.rankadaptor.common.CancelledException;
import dev.rankadaptor.eval.TaskKind;
import dev.rankadaptor.ui.exec.UiExecutor;
import javafx.beans.Observable;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The "Data files" section: re-reads every file the run will read whenever a path or the task
 * selection changes, in the background through the {@link UiExecutor}. Debounced: each change
 * cancels the previous check, and a check first waits {@code debounce} (typing a path fires one
 * read, not one per key); only the latest request's result is shown. Tests pass
 * {@link Duration#ZERO} with a same-thread executor.
 */
public final class DataFilesViewModel {
    private final UiExecutor executor;
    private final DataSectionViewModel data;
    private final ObservableStringValue calibrationFile;
    private final Duration debounce;
    private final ObservableList<DataFileCheck> checks = FXCollections.observableArrayList();
    private final StringProperty status = new SimpleStringProperty(this, "status", "");
    private UiExecutor.Job current;
    private int generation;
    private boolean watching;

    /**
     * @param calibrationFile pruning.calibration_file as written (relative to the project folder)
     * @param debounce        quiet time before a check reads files
     */
    public DataFilesViewModel(UiExecutor executor, DataSectionViewModel data, ObservableStringValue calibrationFile, Duration debounce) {
        this.executor = executor;
        this.data = data;
        this.calibrationFile = calibrationFile;
        this.debounce = debounce;
    }

    /** Re-checks on every change of a path, the validation size, the task selection or the project folder. */
    public void watch() {
        if (watching) {
            return;
        }
        watching = true;
        for (Observable o : List.of(data.dataFileProperty(), data.validationSizeProperty(), data.taskFolderProperty(),
                data.projectFolderProperty(), calibrationFile)) {
            o.addListener(x -> request());
        }
        data.tasks().addListener((Observable x) -> request());
    }

    /** Starts a check of the current paths; an older check still running is cancelled and its result dropped. */
    public void request() {
        if (current != null) {
            current.cancel();
        }
        int gen = ++generation;
        DataFileChecker.Request req;
        try {
            req = new DataFileChecker.Request(resolve(data.dataFileProperty().get()), validationSize(),
                    calibrationFile.get() == null || calibrationFile.get().isBlank() ? null : data.resolve(calibrationFile.get()),
                    resolve(data.taskFolderProperty().get()), data.selectedTasks().stream().map(TaskKind::parse).toList());
        } catch (RuntimeException e) {
            checks.clear();
            status.set("cannot check the data files: " + e.getMessage());
            return;
        }
        status.set("checking data files …");
        long waitMs = debounce.toMillis();
        current = executor.submit("check data files", token -> {
            sleep(waitMs, token);
            return DataFileChecker.checkAll(req, token);
        }, result -> {
            if (gen != generation) {
                return;
            }
            checks.setAll(result);
            long bad = result.stream().filter(c -> !c.ok()).count();
            status.set(bad == 0 ? result.size() + " file(s) read, all OK" : bad + " of " + result.size() + " file(s) have problems");
        }, e -> {
            if (gen != generation || e instanceof CancelledException) {
                return;
            }
            status.set("data file check failed: " + e.getMessage());
        });
    }

    private Path resolve(String written) {
        return data.resolve(written == null ? "" : written);
    }

    private int validationSize() {
        try {
            return data.validationSizeValue();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static void sleep(long ms, dev.rankadaptor.common.CancellationToken token) {
        long end = System.nanoTime() + ms * 1_000_000L;
        while (System.nanoTime() < end) {
            token.throwIfCancelled();
            try {
                Thread.sleep(Math.min(20, Math.max(1, (end - System.nanoTime()) / 1_000_000L)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancelledException();
            }
        }
        token.throwIfCancelled();
    }

    /** The latest check, one entry per file (recovery data, calibration text, each selected task). */
    public ObservableList<DataFileCheck> checks() {
        return checks;
    }

    /** "checking …", "9 file(s) read, all OK" or how many have problems. */
    public StringProperty statusProperty() {
        return status;
    }
}

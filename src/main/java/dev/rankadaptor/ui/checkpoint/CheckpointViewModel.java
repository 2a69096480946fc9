package dev.rankadaptor.ui.checkpoint;

import dev.rankadaptor.checkpoint.CheckpointSummary;
import dev.rankadaptor.checkpoint.CheckpointInspector;
import dev.rankadaptor.ui.pruning.ShownPreflightModel;
import dev.rankadaptor.ui.exec.UiExecutor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Checkpoint panel: the folder to open, a recent list, loading state, the inspected summary
 * or the error message for a bad folder. Reading happens through the {@link UiExecutor}, never on
 * the UI thread; a newer open cancels an older one still reading.
 */
public final class CheckpointViewModel {
    /** Entries kept in the recent list. */
    public static final int RECENT_LIMIT = 10;

    private final UiExecutor executor;
    private final CheckpointInspector inspector;
    private final StringProperty folder = new SimpleStringProperty(this, "folder", "");
    private final ObservableList<String> recent = FXCollections.observableArrayList();
    private final BooleanProperty loading = new SimpleBooleanProperty(this, "loading");
    private final StringProperty error = new SimpleStringProperty(this, "error", "");
    private final StringProperty recentNote = new SimpleStringProperty(this, "recentNote", "");
    private final ObjectProperty<CheckpointSummary> summary = new SimpleObjectProperty<>(this, "summary");
    private final ShownPreflightModel preflight = new ShownPreflightModel();
    private UiExecutor.Job current;
    /** Only the newest open's outcome is shown; an older one still reading was cancelled. */
    private int generation;

    /** @param inspector the checkpoint reader, or null when none is installed (open then says so) */
    public CheckpointViewModel(UiExecutor executor, CheckpointInspector inspector) {
        this.executor = executor;
        this.inspector = inspector;
    }

    /** Opens the folder in {@link #folderProperty()}. */
    public void open() {
        String text = folder.get() == null ? "" : folder.get().trim();
        if (text.isEmpty()) {
            error.set("checkpoint folder: choose a folder with config.json and safetensors shards");
            return;
        }
        if (inspector == null) {
            error.set("no checkpoint reader is installed in this build");
            return;
        }
        if (current != null) {
            current.cancel();
        }
        loading.set(true);
        error.set("");
        Path path = Path.of(text);
        int gen = ++generation;
        current = executor.submit("open checkpoint " + text, token -> {
            if (!Files.isDirectory(path)) {
                throw new dev.rankadaptor.common.UserInputException(path + ": not a folder (expected a checkpoint folder with config.json)");
            }
            return inspector.inspect(path, token);
        }, s -> {
            if (gen != generation) {
                return;
            }
            loading.set(false);
            summary.set(s);
            remember(text);
        }, e -> {
            if (gen != generation) {
                return;
            }
            loading.set(false);
            summary.set(null);
            error.set(e instanceof dev.rankadaptor.common.UserInputException ? e.getMessage()
                    : "could not read " + text + ": " + e);
        });
    }

    private void remember(String path) {
        recent.remove(path);
        recent.add(0, path);
        if (recent.size() > RECENT_LIMIT) {
            recent.remove(RECENT_LIMIT, recent.size());
        }
    }

    /**
     * "name · 32 layers · 6.74 B parameters · files BF16 12.55 GiB" on the first line, then the
     * estimated memory for inference (F32 as DJL holds it, context up to 2048); "" without a
     * checkpoint. The stages' pre-flight for the project's settings is {@link #preflight()}.
     */
    public String describe() {
        CheckpointSummary s = summary.get();
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(String.format("%s · %d layers · %s parameters", s.folder().getFileName(),
                s.layout().size(), formatCount(s.parameterCount())));
        if (s.fileBytes() >= 0) {
            sb.append(" · files ").append(s.fileDtype()).append(' ').append(dev.rankadaptor.model.MemoryEstimate.human(s.fileBytes()));
        } else {
            sb.append(" · dtype in config: ").append(s.config().torchDtype());
        }
        int ctx = Math.max(8, Math.min(2048, s.config().maxPositionEmbeddings()));
        sb.append("\ninference: ").append(dev.rankadaptor.model.MemoryEstimate.inference(s.config(), s.layout(),
                ai.djl.ndarray.types.DataType.FLOAT32, ctx, 1).format());
        return sb.toString();
    }

    /**
     * The memory pre-flight of prune, LoRA step (on the planned widths) and evaluation for the
     * project's settings ({@link dev.rankadaptor.ui.pruning.StagePreflightModel}, bound by the window).
     */
    public ShownPreflightModel preflight() {
        return preflight;
    }

    static String formatCount(long n) {
        if (n >= 1_000_000_000L) {
            return String.format("%.2f B", n / 1e9);
        }
        if (n >= 1_000_000L) {
            return String.format("%.2f M", n / 1e6);
        }
        return Long.toString(n);
    }

    public StringProperty folderProperty() {
        return folder;
    }

    public ObservableList<String> recent() {
        return recent;
    }

    /** A note under the recent list, e.g. that remembered folders no longer exist ("" when none). */
    public StringProperty recentNoteProperty() {
        return recentNote;
    }

    public BooleanProperty loadingProperty() {
        return loading;
    }

    public StringProperty errorProperty() {
        return error;
    }

    public ObjectProperty<CheckpointSummary> summaryProperty() {
        return summary;
    }
}

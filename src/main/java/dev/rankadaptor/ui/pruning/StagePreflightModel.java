package dev.rankadaptor.ui.pruning;

import dev.rankadaptor.checkpoint.CheckpointSummary;
import dev.rankadaptor.common.UserInputException;
import dev.rankadaptor.compute.DeviceChoice;
import dev.rankadaptor.experiment.RecoverySection;
import dev.rankadaptor.experiment.SearchSection;
import dev.rankadaptor.pipeline.StageMemoryReport;
import dev.rankadaptor.prune.PruningConfig;
import dev.rankadaptor.ui.exec.UiExecutor;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;

import java.util.List;

/**
 * The memory pre-flight the Checkpoint and Pruning panels show: {@link StageMemoryReport} of the
 * open checkpoint for the panels' own settings, the live plan's pruning configuration
 * ({@link PruningViewModel#previewConfig()}) and the Recovery &amp; Search panel's recovery and
 * search sections and device, so it is the estimate the run will check. Recomputed in the
 * background (a CUDA device is resolved through the engine) whenever one of them changes; only
 * the newest request's result is shown. A pruning target the model cannot reach leaves the prune
 * line out and estimates training and evaluation on the unpruned widths (the line says which).
 */
public final class StagePreflightModel {
    private final UiExecutor executor;
    private final PruningViewModel pruning;
    private final ObservableValue<RecoverySection> recovery;
    private final ObservableValue<SearchSection> search;
    private final ObservableValue<String> device;
    private final ReadOnlyObjectWrapper<StageMemoryReport> report = new ReadOnlyObjectWrapper<>(this, "report");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private UiExecutor.Job current;
    private int generation;

    public StagePreflightModel(UiExecutor executor, PruningViewModel pruning, ObservableValue<RecoverySection> recovery,
                               ObservableValue<SearchSection> search, ObservableValue<String> device) {
        this.executor = executor;
        this.pruning = pruning;
        this.recovery = recovery;
        this.search = search;
        this.device = device;
        for (ObservableValue<?> v : List.of(pruning.checkpointProperty(), pruning.sectionProperty(), pruning.presetProperty(),
                recovery, search, device)) {
            v.addListener((o, a, b) -> update());
        }
        update();
    }

    /** Estimates again for the current settings (also after a memory limit was changed). */
    public void update() {
        if (current != null) {
            current.cancel();
            current = null;
        }
        int gen = ++generation;
        CheckpointSummary c = pruning.checkpointProperty().get();
        if (c == null) {
            report.set(null);
            error.set("");
            return;
        }
        PruningConfig cfg;
        try {
            cfg = pruning.previewConfig();
        } catch (UserInputException e) {
            cfg = null; // the Pruning panel shows why
        }
        PruningConfig planned = cfg;
        RecoverySection r = recovery.getValue();
        SearchSection s = search.getValue();
        DeviceChoice d = DeviceChoice.parse(device.getValue());
        StageMemoryReport.Shape shape = StageMemoryReport.Shape.of(c);
        current = executor.submit("memory pre-flight", token -> {
            try {
                return StageMemoryReport.of(planned, r, s, d, shape);
            } catch (UserInputException e) {
                return StageMemoryReport.of(null, r, s, d, shape);
            }
        }, rep -> {
            if (gen == generation) {
                report.set(rep);
                error.set("");
            }
        }, e -> {
            if (gen == generation) {
                report.set(null);
                error.set("memory pre-flight: " + e.getMessage());
            }
        });
    }

    /** The newest report (null without a checkpoint or after a failure). */
    public ReadOnlyObjectProperty<StageMemoryReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    /** Why the newest estimate failed ("" when it did not). */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}

package dev.rankadaptor.ui.pruning;

import dev.rankadaptor.pipeline.StageMemoryReport;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;

import java.util.function.Supplier;

/**
 * The label under the Checkpoint panel's summary and the Pruning panel's live plan that shows the
 * memory pre-flight ({@link StagePreflightModel}): one line per stage, styled {@code ra-warning}
 * when a stage will not fit (or the estimate failed), so it is seen before a run is started.
 */
public final class PreflightLabel {
    /** The style class of a pre-flight with a stage that will not fit. */
    public static final String WARNING = "ra-warning";

    private PreflightLabel() {
    }

    /** A label with {@code id} that follows {@code report} and {@code error}, its text from {@code text}. */
    public static Label of(String id, ObservableValue<StageMemoryReport> report, ObservableValue<String> error,
                           Supplier<String> text) {
        Label label = new Label();
        label.setId(id);
        label.setWrapText(true);
        Runnable show = () -> {
            label.setText(text.get());
            StageMemoryReport r = report.getValue();
            boolean warn = (r != null && !r.fits()) || !error.getValue().isEmpty();
            label.getStyleClass().remove(WARNING);
            if (warn) {
                label.getStyleClass().add(WARNING);
            }
        };
        report.addListener((o, a, b) -> show.run());
        error.addListener((o, a, b) -> show.run());
        show.run();
        return label;
    }
}

package dev.rankadaptor.ui.pruning;

import javafx.scene.control.Label;

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

    /** A label with {@code id} that follows {@code preflight}. */
    public static Label of(String id, ShownPreflightModel preflight) {
        Label label = new Label();
        label.setId(id);
        label.setWrapText(true);
        Runnable show = () -> {
            label.setText(preflight.text());
            label.getStyleClass().remove(WARNING);
            if (preflight.warning()) {
                label.getStyleClass().add(WARNING);
            }
        };
        preflight.reportProperty().addListener((o, a, b) -> show.run());
        preflight.errorProperty().addListener((o, a, b) -> show.run());
        show.run();
        return label;
    }
}

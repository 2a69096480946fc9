package dev.rankadaptor.ui.pruning;

import dev.rankadaptor.pipeline.StageMemoryReport;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

import java.util.Locale;

/**
 * The lines under the Checkpoint panel's summary and the Pruning panel's live plan that show the
 * memory pre-flight ({@link ShownPreflightModel}): a header, then one label per stage (id
 * {@code <id>-prune}, {@code -train}, {@code -eval}); a stage that will not fit, or an estimate that
 * failed, is styled {@value #WARNING}, so it is seen before a run is started.
 */
public final class PreflightLines {
    /** The style class of a stage that will not fit. */
    public static final String WARNING = "ra-warning";

    private PreflightLines() {
    }

    /** A box with {@code id} that follows {@code preflight}. */
    public static VBox of(String id, ShownPreflightModel preflight) {
        VBox box = new VBox(1);
        box.setId(id);
        Runnable show = () -> {
            box.getChildren().clear();
            StageMemoryReport r = preflight.reportProperty().get();
            if (!preflight.errorProperty().get().isEmpty() || r == null) {
                Label only = line(id + "-error", preflight.text(), !preflight.errorProperty().get().isEmpty());
                box.getChildren().add(only);
                return;
            }
            box.getChildren().add(line(id + "-header", r.header(), false));
            for (StageMemoryReport.Line l : r.lines()) {
                box.getChildren().add(line(id + "-" + l.stage().name().toLowerCase(Locale.ROOT), "  " + l.text(), !l.fits()));
            }
        };
        preflight.reportProperty().addListener((o, a, b) -> show.run());
        preflight.errorProperty().addListener((o, a, b) -> show.run());
        show.run();
        return box;
    }

    private static Label line(String id, String text, boolean warning) {
        Label l = new Label(text);
        l.setId(id);
        l.setWrapText(true);
        if (warning) {
            l.getStyleClass().add(WARNING);
        }
        return l;
    }
}

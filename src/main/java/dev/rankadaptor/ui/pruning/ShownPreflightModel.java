package dev.rankadaptor.ui.pruning;

import dev.rankadaptor.pipeline.StageMemoryReport;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * What a panel (Checkpoint, Pruning) shows of the memory pre-flight: the newest
 * {@link StageMemoryReport} or why it could not be estimated. The window binds it to the one
 * {@link StagePreflightModel}, so both panels show the same estimate.
 */
public final class ShownPreflightModel {
    private final ObjectProperty<StageMemoryReport> report = new SimpleObjectProperty<>(this, "report");
    private final StringProperty error = new SimpleStringProperty(this, "error", "");

    /** Follows {@code source} from now on. */
    public void bind(StagePreflightModel source) {
        report.bind(source.reportProperty());
        error.bind(source.errorProperty());
    }

    /** The newest report; null before one is known (no checkpoint) or after a failure. */
    public ObjectProperty<StageMemoryReport> reportProperty() {
        return report;
    }

    /** Why the pre-flight could not be estimated ("" when it could). */
    public StringProperty errorProperty() {
        return error;
    }

    /** One line per stage, or why it could not be estimated ("" before it is known). */
    public String text() {
        if (!error.get().isEmpty()) {
            return error.get();
        }
        StageMemoryReport r = report.get();
        return r == null ? "" : r.text();
    }

}

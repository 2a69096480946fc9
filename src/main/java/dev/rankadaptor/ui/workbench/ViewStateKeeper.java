package dev.rankadaptor.ui.workbench;

import dev.rankadaptor.experiment.WorkbenchSettings;
import dev.rankadaptor.ui.exec.UiExecutor;
import dev.rankadaptor.ui.trials.TrialRow;
import javafx.animation.PauseTransition;
import javafx.beans.property.BooleanProperty;
import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.util.Duration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes the window's view settings survive a restart: the panel in front, the trials table's column
 * order and sort, the loss chart's log axis and the convergence chart's shown series. They are kept
 * in {@link WorkbenchSettings} (settings.json, atomic) under {@code view.*} keys: restored once, then
 * saved a short while after the last change (one write for a burst of changes), the write running
 * through the {@link UiExecutor}, never on the FX thread.
 */
public final class ViewStateKeeper {
    static final String TAB = "view.panel";
    static final String COLUMNS = "view.trials.columns";
    static final String SORT = "view.trials.sort";
    static final String LOSS_LOG = "view.loss.log_axis";
    static final String SERIES = "view.convergence.series";
    private static final String SEP = "\u001f";

    private final WorkbenchView view;
    private final WorkbenchSettings settings;
    private final UiExecutor executor;
    private final PauseTransition debounce;
    private final javafx.beans.property.StringProperty status = new javafx.beans.property.SimpleStringProperty(this, "status", "");
    private boolean restoring;

    /** Restores the saved settings into {@code view} (settings already read) and starts saving changes. */
    public ViewStateKeeper(WorkbenchView view, WorkbenchSettings settings, UiExecutor executor, java.time.Duration delay) {
        this.view = view;
        this.settings = settings;
        this.executor = executor;
        this.debounce = new PauseTransition(Duration.millis(delay.toMillis()));
        debounce.setOnFinished(e -> saveNow());
        restore();
        ChangeListener<Object> changed = (o, a, b) -> changed();
        view.tabs().getSelectionModel().selectedItemProperty().addListener(changed);
        TableView<TrialRow> table = view.trials().table();
        table.getColumns().addListener((ListChangeListener<TableColumn<TrialRow, ?>>) c -> changed());
        table.getSortOrder().addListener((ListChangeListener<TableColumn<TrialRow, ?>>) c -> changed());
        table.getColumns().forEach(col -> col.sortTypeProperty().addListener(changed));
        for (BooleanProperty p : toggles().values()) {
            p.addListener(changed);
        }
    }

    private Map<String, BooleanProperty> toggles() {
        Map<String, BooleanProperty> m = new LinkedHashMap<>();
        m.put("best", view.charts().convergence().showBestProperty());
        m.put("predicted", view.charts().convergence().showPredictedProperty());
        m.put("baselines", view.charts().convergence().showBaselinesProperty());
        return m;
    }

    private void changed() {
        if (!restoring) {
            debounce.playFromStart();
        }
    }

    /** What would be saved now. */
    public Map<String, String> capture() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(TAB, view.shownPanel());
        TableView<TrialRow> table = view.trials().table();
        List<String> cols = new ArrayList<>();
        table.getColumns().forEach(c -> cols.add(c.getText()));
        out.put(COLUMNS, String.join(SEP, cols));
        List<String> sort = new ArrayList<>();
        table.getSortOrder().forEach(c -> sort.add(c.getText() + "=" + c.getSortType().name()));
        out.put(SORT, String.join(SEP, sort));
        out.put(LOSS_LOG, Boolean.toString(view.lossChart().logAxisProperty().get()));
        List<String> shown = new ArrayList<>();
        toggles().forEach((k, p) -> {
            if (p.get()) {
                shown.add(k);
            }
        });
        out.put(SERIES, String.join(",", shown));
        return out;
    }

    private void restore() {
        restoring = true;
        try {
            settings.get(TAB).filter(view::hasPanel).ifPresent(view::show);
            TableView<TrialRow> table = view.trials().table();
            settings.get(COLUMNS).ifPresent(saved -> {
                List<TableColumn<TrialRow, ?>> ordered = new ArrayList<>();
                for (String name : saved.split(SEP, -1)) {
                    column(table, name).ifPresent(ordered::add);
                }
                for (TableColumn<TrialRow, ?> c : table.getColumns()) {
                    if (!ordered.contains(c)) {
                        ordered.add(c); // a column added since the settings were saved goes last
                    }
                }
                table.getColumns().setAll(ordered);
            });
            settings.get(SORT).ifPresent(saved -> {
                List<TableColumn<TrialRow, ?>> order = new ArrayList<>();
                for (String item : saved.split(SEP, -1)) {
                    int eq = item.lastIndexOf('=');
                    if (eq <= 0) {
                        continue;
                    }
                    var col = column(table, item.substring(0, eq));
                    if (col.isPresent()) {
                        try {
                            col.get().setSortType(TableColumn.SortType.valueOf(item.substring(eq + 1)));
                            order.add(col.get());
                        } catch (IllegalArgumentException ignored) {
                            // an unknown sort direction is left out
                        }
                    }
                }
                table.getSortOrder().setAll(order);
            });
            settings.get(LOSS_LOG).ifPresent(v -> view.lossChart().logAxisProperty().set(Boolean.parseBoolean(v)));
            settings.get(SERIES).ifPresent(v -> {
                List<String> shown = List.of(v.split(","));
                toggles().forEach((k, p) -> p.set(shown.contains(k)));
            });
        } finally {
            restoring = false;
        }
    }

    private static java.util.Optional<TableColumn<TrialRow, ?>> column(TableView<TrialRow> table, String name) {
        return table.getColumns().stream().filter(c -> c.getText().equals(name)).findFirst();
    }

    /** Writes the current settings now, in the background (the pending delayed save is dropped). */
    public void saveNow() {
        debounce.stop();
        Map<String, String> snapshot = capture();
        try {
            executor.submit("save view settings", token -> {
                settings.putAll(snapshot);
                return snapshot;
            }, s -> status.set(""), e -> status.set("view settings not saved: " + e.getMessage()));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            status.set("view settings not saved: the window is closing");
        }
    }

    /** Writes the current settings on the calling thread (application exit). */
    public void flush() {
        debounce.stop();
        settings.putAll(capture());
    }

    /** Why the last save failed ("" when it did not). */
    public javafx.beans.property.ReadOnlyStringProperty statusProperty() {
        return status;
    }
}

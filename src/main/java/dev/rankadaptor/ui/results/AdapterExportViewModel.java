package dev.rankadaptor.ui.results;

import dev.rankadaptor.experiment.ResultsTable;
import dev.rankadaptor.recover.AdapterCheck;
import dev.rankadaptor.pipeline.AdapterExport;
import dev.rankadaptor.ui.exec.UiExecutor;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.List;

/**
 * The Results panel's "Export adapter (PEFT)…": which adapters the open run holds (best method by
 * mean target score first, and preselected), why the button is disabled when there is nothing to
 * export, in which form (the adapter for the pruned model, or the padded pair stock transformers
 * and PEFT load), and the export itself through the executor (checked, copied atomically, never
 * overwriting). Scanning and copying run off the UI thread; state changes land on it.
 */
public final class AdapterExportViewModel {
    /** Disabled reason while no run is open. */
    public static final String NO_RUN = "no run is open: open a run (Project bar) whose repeat trials wrote adapters";
    private final ObservableList<AdapterExport.Candidate> candidates = FXCollections.observableArrayList();
    private final ObjectProperty<AdapterExport.Candidate> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObjectProperty<Path> runFolder = new SimpleObjectProperty<>(this, "runFolder");
    private final ObjectProperty<AdapterExport.Form> form = new SimpleObjectProperty<>(this, "form", AdapterExport.Form.PRUNED_ADAPTER);
    private final ReadOnlyStringWrapper disabledReason = new ReadOnlyStringWrapper(this, "disabledReason", NO_RUN);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final BooleanBinding available = Bindings.isEmpty(disabledReason);
    private long generation;

    /**
     * Shows the adapters of {@code folder} (null: no run open). The folder is listed in the
     * background; until then, and when it has no adapters, the export is disabled with the reason.
     */
    public void setRun(Path folder, ResultsTable results, UiExecutor executor) {
        long gen = ++generation;
        runFolder.set(folder);
        candidates.clear();
        selected.set(null);
        if (folder == null) {
            disabledReason.set(NO_RUN);
            return;
        }
        disabledReason.set("reading the adapters of run " + folder.getFileName() + " …");
        executor.submit("list adapters " + folder, token -> AdapterExport.candidates(folder, results), list -> {
            if (gen == generation) {
                show(folder, list);
            }
        }, e -> {
            if (gen == generation) {
                disabledReason.set("cannot list the adapters of run " + folder.getFileName() + ": " + e.getMessage());
            }
        });
    }

    private void show(Path folder, List<AdapterExport.Candidate> list) {
        candidates.setAll(list);
        selected.set(list.isEmpty() ? null : list.get(0));
        disabledReason.set(list.isEmpty() ? "run " + folder.getFileName() + " has no adapters yet ("
                + folder.resolve(dev.rankadaptor.experiment.RunDirectory.ADAPTERS)
                + " is empty): they are written by the repeat trials of the baselines and RankAdaptor" : "");
    }

    /**
     * Checks the selected adapter and copies it into {@code target} (a new or empty folder); the
     * outcome lands in {@link #statusProperty()}.
     */
    public void export(Path target, UiExecutor executor) {
        AdapterExport.Candidate c = selected.get();
        if (c == null) {
            status.set("adapter export: " + (disabledReason.get().isEmpty() ? "pick a method first" : disabledReason.get()));
            return;
        }
        if (form.get() == AdapterExport.Form.HF_PAIR) {
            Path run = runFolder.get();
            status.set("exporting the padded model and " + c.label() + " adapter to " + target + " …");
            executor.submit("export HF pair " + c.method(), token -> AdapterExport.exportHfPair(run, c.folder(), target, token),
                    (AdapterExport.Pair p) -> status.set("exported the padded model (" + p.heads() + " heads / " + p.kvHeads()
                            + " kv heads / MLP " + p.mlpWidth() + " in every layer) and the " + c.label() + " adapter ("
                            + p.modules() + " modules) to " + p.folder() + " (model/, adapter/)"),
                    e -> status.set("adapter export failed: " + e.getMessage()));
            return;
        }
        status.set("exporting the " + c.label() + " adapter to " + target + " …");
        executor.submit("export adapter " + c.method(), token -> AdapterExport.export(c.folder(), target, token),
                (AdapterCheck.Summary s) -> status.set("exported the " + c.label() + " adapter (" + s.modules() + " modules, r = "
                        + s.rank() + ") to " + s.folder()),
                e -> status.set("adapter export failed: " + e.getMessage()));
    }

    /** Adapters of the open run, best first. */
    public ObservableList<AdapterExport.Candidate> candidates() {
        return candidates;
    }

    /** The adapter to export; preselected: the best method that has an adapter. */
    public ObjectProperty<AdapterExport.Candidate> selectedProperty() {
        return selected;
    }

    /** What the export writes: the adapter as trained (default), or the padded HF pair (model + adapter). */
    public ObjectProperty<AdapterExport.Form> formProperty() {
        return form;
    }

    public ObjectProperty<Path> runFolderProperty() {
        return runFolder;
    }

    /** Empty when an export is possible; otherwise why not (the disabled button's tooltip). */
    public ReadOnlyStringProperty disabledReasonProperty() {
        return disabledReason.getReadOnlyProperty();
    }

    public BooleanBinding availableProperty() {
        return available;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}

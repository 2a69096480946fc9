package dev.rankadaptor.ui.recovery;

import dev.rankadaptor.common.InvalidFieldException;
import dev.rankadaptor.experiment.ExecutionBackend;
import dev.rankadaptor.experiment.ExecutionSection;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Recovery &amp; Search form: every field as text (what the user typed), parsed and validated on
 * each edit into {@link #settingsProperty()} (null while invalid) with the first bad field's
 * message in {@link #errorProperty()}. Defaults follow the paper and the LLM-Pruner recipe
 * (ranks 2..12 step 2, base rank 8, alpha = 2r, lr 1e-4, 2 epochs, micro-batch 16, MLP 32-32-32).
 */
public final class RecoverySearchViewModel {
    private final Map<String, StringProperty> fields = new LinkedHashMap<>();
    private final ObservableSet<String> targets = FXCollections.observableSet(RecoverySearchSettings.ALL_TARGETS.toArray(new String[0]));
    private final StringProperty error = new SimpleStringProperty(this, "error", "");
    private final javafx.beans.property.BooleanProperty gradientCheckpointing =
            new javafx.beans.property.SimpleBooleanProperty(this, "gradientCheckpointing", false);
    private final ObjectProperty<RecoverySearchSettings> settings = new SimpleObjectProperty<>(this, "settings");
    private final DataSectionViewModel data = new DataSectionViewModel();
    private final ObjectProperty<ExecutionSection> execution = new SimpleObjectProperty<>(this, "execution",
            ExecutionSection.defaults());
    private ExecutionSection executionBase = ExecutionSection.defaults();

    public RecoverySearchViewModel() {
        field("candidateRanks", "2,4,6,8,10,12");
        field("baseRank", "8");
        field("alphaRule", "2r");
        field("alpha", "16");
        field("learningRate", "1e-4");
        field("epochs", "2");
        field("microBatch", "16");
        field("hiddenSizes", "32-32-32");
        field("candidatesPerIteration", "4096");
        field("initialTrials", "8");
        field("maxTrials", "64");
        field("convergenceThreshold", "0");
        field("convergencePatience", "3");
        field("repeats", "3");
        field("seed", "42");
        field("device", "cpu");
        field("parameterBudget", "1.0");
        field("backend", "inprocess");
        field("workers", "1");
        field("devices", "");
        targets.addListener((javafx.collections.SetChangeListener<String>) c -> validate());
        validate();
    }

    private void field(String name, String value) {
        StringProperty p = new SimpleStringProperty(this, name, value);
        p.addListener((o, a, b) -> validate());
        fields.put(name, p);
    }

    /** The text property of a field by name (see {@link #fieldNames()}). */
    public StringProperty field(String name) {
        StringProperty p = fields.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no field " + name);
        }
        return p;
    }

    public List<String> fieldNames() {
        return new ArrayList<>(fields.keySet());
    }

    /** The panel's data fields: recovery data file, validation size, tasks, task folder, subsets. */
    public DataSectionViewModel data() {
        return data;
    }

    public ObservableSet<String> loraTargets() {
        return targets;
    }

    /**
     * The execution section the panel's backend / workers / devices fields make (validated by the
     * section itself; retries and the Slurm template are kept from the loaded project).
     */
    public ObjectProperty<ExecutionSection> executionProperty() {
        return execution;
    }

    /** The loaded project's execution section, whose fields this panel does not edit. */
    public void setExecutionBase(ExecutionSection base) {
        executionBase = base == null ? ExecutionSection.defaults() : base;
        validate();
    }

    /** recovery.gradient_checkpointing (a boolean: nothing to validate). */
    public javafx.beans.property.BooleanProperty gradientCheckpointingProperty() {
        return gradientCheckpointing;
    }

    public StringProperty errorProperty() {
        return error;
    }

    public ObjectProperty<RecoverySearchSettings> settingsProperty() {
        return settings;
    }

    private void validate() {
        try {
            RecoverySearchSettings s = new RecoverySearchSettings(targets, ints("candidateRanks", ","), integer("baseRank"),
                    text("alphaRule"), number("alpha"), number("learningRate"), integer("epochs"), integer("microBatch"),
                    ints("hiddenSizes", "-"), integer("candidatesPerIteration"), integer("initialTrials"),
                    integer("maxTrials"), number("convergenceThreshold"), integer("convergencePatience"),
                    integer("repeats"), longValue("seed"), text("device"), number("parameterBudget"));
            List<String> devices = text("devices").isEmpty() ? List.of()
                    : java.util.Arrays.stream(text("devices").split(",")).map(String::trim).toList();
            ExecutionSection ex = new ExecutionSection(ExecutionBackend.parse(text("backend")), integer("workers"),
                    devices, executionBase.retries(), executionBase.slurm());
            execution.set(ex);
            settings.set(s);
            error.set("");
        } catch (InvalidFieldException e) {
            settings.set(null);
            error.set(e.getMessage());
        }
    }

    private String text(String name) {
        return fields.get(name).get().trim();
    }

    private int integer(String name) {
        try {
            return Integer.parseInt(text(name));
        } catch (NumberFormatException e) {
            throw new InvalidFieldException(name, "must be a whole number, was '" + text(name) + "'");
        }
    }

    private long longValue(String name) {
        try {
            return Long.parseLong(text(name));
        } catch (NumberFormatException e) {
            throw new InvalidFieldException(name, "must be a whole number, was '" + text(name) + "'");
        }
    }

    private double number(String name) {
        try {
            return Double.parseDouble(text(name));
        } catch (NumberFormatException e) {
            throw new InvalidFieldException(name, "must be a number, was '" + text(name) + "'");
        }
    }

    private List<Integer> ints(String name, String separator) {
        List<Integer> out = new ArrayList<>();
        for (String part : text(name).split(java.util.regex.Pattern.quote(separator))) {
            try {
                out.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException e) {
                throw new InvalidFieldException(name, "must be whole numbers separated by '" + separator + "', was '" + text(name) + "'");
            }
        }
        return out;
    }
}

package dev.rankadaptor.ui.recovery;

import dev.rankadaptor.common.UserInputException;
import dev.rankadaptor.compute.DeviceChoice;
import dev.rankadaptor.experiment.ExecutionBackend;
import dev.rankadaptor.experiment.ExecutionSection;
import dev.rankadaptor.experiment.Project;
import dev.rankadaptor.experiment.RecoverySection;
import dev.rankadaptor.experiment.SearchSection;
import dev.rankadaptor.ui.form.SectionEditor.FieldText;
import dev.rankadaptor.ui.form.SectionEditor;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;
import javafx.collections.SetChangeListener;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The Recovery &amp; Search form. It edits the project's own records: {@link RecoverySection},
 * {@link SearchSection}, {@link ExecutionSection} and the project's device and seed, each held by a
 * {@link SectionEditor} that replaces it with a {@code with...} copy on every edit. So the checks,
 * messages (named as in project.json) and defaults are the sections'; before a project is opened
 * the panel shows {@link Project#untitled()}. Every field is text (what the user typed);
 * {@link #errorProperty()} holds the first refused edit's message ("" when all are valid).
 */
public final class RecoverySearchViewModel {
    private static final Project DEFAULTS = Project.untitled();
    private final SectionEditor<RecoverySection> recovery = new SectionEditor<>(DEFAULTS.recovery());
    private final SectionEditor<SearchSection> search = new SectionEditor<>(DEFAULTS.search());
    private final SectionEditor<ExecutionSection> execution = new SectionEditor<>(DEFAULTS.execution());
    private final SectionEditor<String> device = new SectionEditor<>(DEFAULTS.device());
    private final SectionEditor<Long> seed = new SectionEditor<>(DEFAULTS.seed());
    private final Map<String, StringProperty> fields = new LinkedHashMap<>();
    private final ObservableSet<String> targets = FXCollections.observableSet();
    private final StringProperty error = new SimpleStringProperty(this, "error", "");
    private final javafx.beans.property.BooleanProperty gradientCheckpointing =
            new javafx.beans.property.SimpleBooleanProperty(this, "gradientCheckpointing", false);
    private final DataSectionViewModel data;
    private boolean loading;

    public RecoverySearchViewModel() {
        BiFunction<String, String, Integer> integer = FieldText::integer;
        searchField("candidateRanks", s -> FieldText.join(s.candidateRanks(), ","),
                (s, t) -> s.withCandidateRanks(FieldText.integers("search.candidate_ranks", t, ",")));
        recoveryField("baseRank", r -> Integer.toString(r.baseRank()),
                (r, t) -> r.withBaseRank(integer.apply("recovery.base_rank", t)));
        recoveryField("alphaRule", RecoverySection::alphaRule, (r, t) -> r.withAlphaRule(t.trim()));
        recoveryField("alpha", r -> FieldText.number(r.alpha()), (r, t) -> r.withAlpha(FieldText.number("recovery.alpha", t)));
        recoveryField("learningRate", r -> FieldText.number(r.lr()), (r, t) -> r.withLr(FieldText.number("recovery.lr", t)));
        recoveryField("epochs", r -> Integer.toString(r.epochs()), (r, t) -> r.withEpochs(integer.apply("recovery.epochs", t)));
        recoveryField("microBatch", r -> Integer.toString(r.microBatch()),
                (r, t) -> r.withMicroBatch(integer.apply("recovery.micro_batch", t)));
        recoveryField("cutoff", r -> Integer.toString(r.cutoff()), (r, t) -> r.withCutoff(integer.apply("recovery.cutoff", t)));
        searchField("hiddenSizes", s -> FieldText.join(s.hiddenSizes(), "-"),
                (s, t) -> s.withHiddenSizes(FieldText.integers("search.hidden_sizes", t, "-")));
        searchField("candidatesPerIteration", s -> Integer.toString(s.candidatesPerIteration()),
                (s, t) -> s.withCandidatesPerIteration(integer.apply("search.candidates_per_iteration", t)));
        searchField("initialTrials", s -> Integer.toString(s.initialRandomTrials()),
                (s, t) -> s.withInitialRandomTrials(integer.apply("search.initial_random_trials", t)));
        searchField("maxTrials", s -> Integer.toString(s.maxTrials()),
                (s, t) -> s.withMaxTrials(integer.apply("search.max_trials", t)));
        searchField("convergenceThreshold", s -> FieldText.number(s.convergenceThreshold()),
                (s, t) -> s.withConvergenceThreshold(FieldText.number("search.convergence_threshold", t)));
        searchField("convergencePatience", s -> Integer.toString(s.convergenceConsecutive()),
                (s, t) -> s.withConvergenceConsecutive(integer.apply("search.convergence_consecutive", t)));
        searchField("repeats", s -> Integer.toString(s.repeats()), (s, t) -> s.withRepeats(integer.apply("search.repeats", t)));
        fields.put("seed", seed.text("seed", String::valueOf, (v, t) -> FieldText.longValue("seed", t)));
        fields.put("device", device.text("device", d -> d, (d, t) -> DeviceChoice.parse(t).toString()));
        searchField("parameterBudget", s -> FieldText.number(s.parameterBudget()),
                (s, t) -> s.withParameterBudget(FieldText.number("search.parameter_budget", t)));
        executionField("backend", e -> e.backend().id(), (e, t) -> e.with(ExecutionBackend.parse(t), e.workers(), e.devices()));
        executionField("workers", e -> Integer.toString(e.workers()),
                (e, t) -> e.with(e.backend(), integer.apply("execution.workers", t), e.devices()));
        executionField("devices", e -> String.join(",", e.devices()), (e, t) -> e.with(e.backend(), e.workers(), FieldText.words(t)));
        data = new DataSectionViewModel(recovery, DEFAULTS.evaluation());
        targets.addAll(recovery.value().targets());
        targets.addListener((SetChangeListener<String>) c -> {
            if (!loading) {
                recovery.edit("targets", r -> r.withTargets(
                        RecoverySection.TARGETS.stream().filter(targets::contains).toList()));
            }
        });
        gradientCheckpointing.set(recovery.value().gradientCheckpointing());
        gradientCheckpointing.addListener((o, a, on) -> {
            if (!loading) {
                recovery.edit("gradient_checkpointing", r -> r.withGradientCheckpointing(on));
            }
        });
        for (SectionEditor<?> e : List.of(recovery, search, seed, device, execution)) {
            e.errorProperty().addListener((o, a, b) -> showError());
        }
        showError();
    }

    private void recoveryField(String name, Function<RecoverySection, String> show,
                               BiFunction<RecoverySection, String, RecoverySection> apply) {
        fields.put(name, recovery.text(name, show, apply));
    }

    private void searchField(String name, Function<SearchSection, String> show,
                             BiFunction<SearchSection, String, SearchSection> apply) {
        fields.put(name, search.text(name, show, apply));
    }

    private void executionField(String name, Function<ExecutionSection, String> show,
                                BiFunction<ExecutionSection, String, ExecutionSection> apply) {
        fields.put(name, execution.text(name, show, apply));
    }

    /** Shows a project's recovery, search, evaluation and execution sections, device and seed. */
    public void load(Project p) {
        loading = true;
        try {
            recovery.load(p.recovery());
            search.load(p.search());
            execution.load(p.execution());
            device.load(p.device());
            seed.load(p.seed());
            targets.retainAll(p.recovery().targets());
            targets.addAll(p.recovery().targets());
            gradientCheckpointing.set(p.recovery().gradientCheckpointing());
        } finally {
            loading = false;
        }
        data.load(p.evaluation());
        showError();
    }

    private void showError() {
        String first = "";
        for (SectionEditor<?> e : List.of(recovery, search, seed, device, execution)) {
            // the recovery editor's data fields are the data half's errors
            String m = e == recovery ? recovery.errorOf(nonDataRecoveryFields()) : e.errorProperty().get();
            if (first.isEmpty() && !m.isEmpty()) {
                first = m;
            }
        }
        error.set(first);
    }

    private List<String> nonDataRecoveryFields() {
        List<String> out = new ArrayList<>(recovery.textFieldNames());
        out.remove("dataFile");
        out.remove("validationSize");
        out.add("targets");
        return out;
    }

    /** The text property of a field by name (see {@link #fieldNames()}). */
    public StringProperty field(String name) {
        StringProperty p = fields.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no field " + name);
        }
        return p;
    }

    /** The form's text fields in the panel's order. */
    public List<String> fieldNames() {
        return new ArrayList<>(fields.keySet());
    }

    /** The panel's data fields: recovery data file, validation size, tasks, task folder, subsets. */
    public DataSectionViewModel data() {
        return data;
    }

    /** The LoRA targets (recovery.targets) as check boxes edit them. */
    public ObservableSet<String> loraTargets() {
        return targets;
    }

    /** The recovery section being edited, or the first refused edit's exception naming the field. */
    public RecoverySection recovery() {
        return recovery.valid();
    }

    /** The search section being edited, or the first refused edit's exception naming the field. */
    public SearchSection search() {
        return search.valid();
    }

    /** The execution section being edited, or the first refused edit's exception naming the field. */
    public ExecutionSection execution() {
        return execution.valid();
    }

    /** The project's device ("cpu", "cuda:N"). */
    public String device() {
        return device.valid();
    }

    /** The project's master seed. */
    public long seed() {
        return seed.valid();
    }

    /** The last valid execution section (edits it refused are not in it). */
    public ReadOnlyObjectProperty<ExecutionSection> executionProperty() {
        return execution.valueProperty();
    }

    /** The last valid device ("cpu", "cuda:N"). */
    public ReadOnlyObjectProperty<String> deviceProperty() {
        return device.valueProperty();
    }

    /** The last valid recovery section. */
    public ReadOnlyObjectProperty<RecoverySection> recoveryProperty() {
        return recovery.valueProperty();
    }

    /** The last valid search section. */
    public ReadOnlyObjectProperty<SearchSection> searchProperty() {
        return search.valueProperty();
    }

    /** True when every field of the form (data half included) was accepted by its section. */
    public boolean isValid() {
        try {
            recovery();
            search();
            execution();
            device();
            seed();
            data.check();
            return true;
        } catch (UserInputException e) {
            return false;
        }
    }

    /** recovery.gradient_checkpointing (a boolean: nothing to validate). */
    public javafx.beans.property.BooleanProperty gradientCheckpointingProperty() {
        return gradientCheckpointing;
    }

    public StringProperty errorProperty() {
        return error;
    }
}

package dev.rankadaptor.ui.pruning;

import dev.rankadaptor.checkpoint.LayerLayout;
import dev.rankadaptor.common.InvalidFieldException;
import dev.rankadaptor.common.UserInputException;
import dev.rankadaptor.experiment.Preset;
import dev.rankadaptor.experiment.Project;
import dev.rankadaptor.experiment.ProjectFile;
import dev.rankadaptor.experiment.PruningSection;
import dev.rankadaptor.pipeline.ProjectMapping;
import dev.rankadaptor.prune.PruningConfig;
import dev.rankadaptor.checkpoint.CheckpointSummary;
import dev.rankadaptor.ui.exec.UiExecutor;
import dev.rankadaptor.ui.form.SectionEditor;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The Pruning panel: it edits the project's {@link PruningSection} itself (one record, its
 * validation and defaults; the properties below are the controls' view of it), and shows a live
 * shape-only plan of exactly what the run would prune: the section goes through the run's
 * mapping ({@link ProjectMapping#pruning(PruningSection, Preset, Path, int)}) with the open
 * project's preset and calibration path resolved as the project file does. The plan is recomputed
 * in the background on every valid change (a newer change cancels the older computation).
 */
public final class PruningViewModel {
    private static final Project DEFAULTS = Project.untitled();
    private final UiExecutor executor;
    private final PruningPlanner planner;
    private final SectionEditor<PruningSection> editor = new SectionEditor<>(DEFAULTS.pruning());
    private final ObjectProperty<Preset> preset = new SimpleObjectProperty<>(this, "preset", DEFAULTS.presetKind());
    /** Folder the calibration path resolves against: the open project's folder (null: the working directory). */
    private final ObjectProperty<Path> projectFolder = new SimpleObjectProperty<>(this, "projectFolder");
    private final ObjectProperty<CheckpointSummary> checkpoint = new SimpleObjectProperty<>(this, "checkpoint");
    private final StringProperty method = new SimpleStringProperty(this, "method");
    private final DoubleProperty ratio = new SimpleDoubleProperty(this, "ratio");
    private final StringProperty ratioText = new SimpleStringProperty(this, "ratioText");
    private final IntegerProperty firstPrunable = new SimpleIntegerProperty(this, "firstPrunable", 0);
    private final IntegerProperty lastPrunable = new SimpleIntegerProperty(this, "lastPrunable", 0);
    private final StringProperty ratioKind = new SimpleStringProperty(this, "ratioKind");
    private final StringProperty calibrationFile = new SimpleStringProperty(this, "calibrationFile");
    private final StringProperty importance = new SimpleStringProperty(this, "importance");
    private final StringProperty depthCriterion = new SimpleStringProperty(this, "depthCriterion");
    private final IntegerProperty calibrationSamples = new SimpleIntegerProperty(this, "calibrationSamples");
    private final StringProperty error = new SimpleStringProperty(this, "error", "");
    private final ObjectProperty<LayerLayout> plan = new SimpleObjectProperty<>(this, "plan");
    private final ShownPreflightModel preflight = new ShownPreflightModel();
    private UiExecutor.Job current;
    /** True while the controls' properties are written from the section (no edits then). */
    private boolean syncing;
    private boolean ratioFromText;
    /** True once a project's section was loaded: its protected layers then stay when a checkpoint opens. */
    private boolean protectedFromProject;
    /** The section as loaded from the project: its way of writing the protected layers is kept when they are the same. */
    private PruningSection loaded = DEFAULTS.pruning();
    /** Counts plan requests: only the newest request's result or error is shown (older ones were cancelled). */
    private int generation;

    /** @param planner the shape planner, or null when none is installed (validation still works) */
    public PruningViewModel(UiExecutor executor, PruningPlanner planner) {
        this.executor = executor;
        this.planner = planner;
        showSection();
        ratio.addListener((o, a, v) -> {
            if (!ratioFromText) {
                ratioText.set(format(v.doubleValue()));
            }
            edit("ratio", s -> s.withRatio(v.doubleValue()));
        });
        ratioText.addListener((o, a, t) -> {
            if (syncing || ratioFromText) {
                return;
            }
            double v;
            try {
                v = Double.parseDouble(t.trim());
            } catch (NumberFormatException e) {
                edit("ratio", s -> {
                    throw new InvalidFieldException("pruning.ratio", "must be a number in (0, 1), was '" + t.trim() + "'");
                });
                return;
            }
            ratioFromText = true;
            ratio.set(v);
            ratioFromText = false;
            edit("ratio", s -> s.withRatio(v));
        });
        method.addListener((o, a, v) -> edit("method", s -> s.withMethod(v)));
        ratioKind.addListener((o, a, v) -> edit("ratio_kind", s -> s.withRatioKind(v)));
        calibrationFile.addListener((o, a, v) -> edit("calibration_file", s -> s.withCalibrationFile(v)));
        importance.addListener((o, a, v) -> edit("importance", s -> s.withImportance(v)));
        depthCriterion.addListener((o, a, v) -> edit("depth_criterion", s -> s.withDepthCriterion(v)));
        calibrationSamples.addListener((o, a, v) -> edit("samples", s -> s.withSamples(v.intValue())));
        firstPrunable.addListener((o, a, b) -> rangeEdited());
        lastPrunable.addListener((o, a, b) -> rangeEdited());
        checkpoint.addListener((o, a, c) -> {
            if (c != null && !protectedFromProject) {
                List<Integer> defaults = Arrays.stream(defaultProtected(c.layout().size())).boxed().toList();
                editor.edit("protected_layers", s -> s.withProtectedLayers(defaults));
            }
            showRange();
            update();
        });
        preset.addListener((o, a, b) -> update());
        projectFolder.addListener((o, a, b) -> update());
    }

    /**
     * The pruner's default protected layers for a model of {@code n} layers (the first 4 and the
     * last 2 from 12 layers up, the paper's proportions below), see PruningConfig#resolveProtected;
     * used when a checkpoint is opened without a project.
     */
    public static int[] defaultProtected(int n) {
        if (n <= 2) {
            return new int[0];
        }
        return PruningConfig.blockLocal(0.5, Path.of("unused"))
                .resolveProtected(n).stream().mapToInt(Integer::intValue).toArray();
    }

    /** Shows a project's pruning section (and its preset, which decides how a ratio maps onto the pruner). */
    public void load(PruningSection section, Preset projectPreset) {
        editor.load(section);
        loaded = section;
        protectedFromProject = true;
        preset.set(projectPreset);
        showSection();
        showRange();
        update();
    }

    private void edit(String field, java.util.function.UnaryOperator<PruningSection> change) {
        if (syncing) {
            return;
        }
        editor.edit(field, change);
        update();
    }

    /** Writes the section into the controls' properties. */
    private void showSection() {
        PruningSection s = editor.value();
        syncing = true;
        try {
            method.set(s.method());
            ratio.set(s.ratio());
            ratioText.set(format(s.ratio()));
            ratioKind.set(s.ratioKind());
            calibrationFile.set(s.calibrationFile());
            importance.set(s.importance());
            depthCriterion.set(s.depthCriterion());
            calibrationSamples.set(s.samples());
        } finally {
            syncing = false;
        }
    }

    /**
     * Shows the section's protected layers as the panel's prunable range: the widest range between
     * the protected layers at the start and at the end (the range slider edits one contiguous block).
     */
    private void showRange() {
        CheckpointSummary c = checkpoint.get();
        if (c == null) {
            return;
        }
        int n = c.layout().size();
        Set<Integer> prot = new HashSet<>();
        try {
            for (int p : editor.value().protectedLayerIndices(n)) {
                prot.add(p);
            }
        } catch (UserInputException e) {
            return; // the message is shown by update()
        }
        int first = 0;
        while (first < n - 1 && prot.contains(first)) {
            first++;
        }
        int last = n - 1;
        while (last > first && prot.contains(last)) {
            last--;
        }
        syncing = true;
        try {
            lastPrunable.set(Math.max(last, firstPrunable.get()));
            firstPrunable.set(first);
            lastPrunable.set(last);
        } finally {
            syncing = false;
        }
    }

    private void rangeEdited() {
        CheckpointSummary c = checkpoint.get();
        if (syncing || c == null) {
            return;
        }
        int n = c.layout().size();
        int first = firstPrunable.get();
        int last = lastPrunable.get();
        edit("protected_layers", s -> s.withProtectedLayers(keepWriting(n, outside(first, last, n))));
    }

    /** Sets the protected layers (0-based indices of the open checkpoint) and shows them as the range. */
    public void setProtectedLayers(int[] protectedLayers) {
        CheckpointSummary c = checkpoint.get();
        if (c == null) {
            return;
        }
        int n = c.layout().size();
        List<Integer> list = Arrays.stream(protectedLayers).sorted().boxed().toList();
        edit("protected_layers", s -> s.withProtectedLayers(keepWriting(n, list)));
        showRange();
    }

    private static List<Integer> outside(int first, int last, int n) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (i < first || i > last) {
                out.add(i);
            }
        }
        return out;
    }

    /** The loaded section's own way of writing the protected layers (e.g. -1 for the last) when they are the same layers. */
    private List<Integer> keepWriting(int n, List<Integer> indices) {
        try {
            if (Arrays.equals(loaded.protectedLayerIndices(n), indices.stream().mapToInt(Integer::intValue).toArray())) {
                return loaded.protectedLayers();
            }
        } catch (UserInputException e) {
            // the loaded list does not fit this model; the new list replaces it
        }
        return indices;
    }

    /** The section being edited, or the first refused edit's InvalidFieldException naming the field. */
    public PruningSection section() {
        return editor.valid();
    }

    /** The last valid section (edits the section refused are not in it). */
    public ReadOnlyObjectProperty<PruningSection> sectionProperty() {
        return editor.valueProperty();
    }

    /**
     * The pruner's configuration the live plan uses: the run's mapping of the section, with the
     * project's preset and the calibration path resolved against the project folder.
     */
    public PruningConfig previewConfig() {
        CheckpointSummary c = checkpoint.get();
        if (c == null) {
            throw new InvalidFieldException("checkpoint", "open a checkpoint first");
        }
        PruningSection s = section();
        return ProjectMapping.pruning(s, preset.get(), ProjectFile.resolve(projectFolder.get(), s.calibrationFile()),
                c.layout().size());
    }

    private void update() {
        if (syncing) {
            return;
        }
        if (current != null) {
            current.cancel();
            current = null;
        }
        int gen = ++generation;
        CheckpointSummary c = checkpoint.get();
        PruningConfig cfg;
        try {
            cfg = previewConfig();
            error.set("");
        } catch (UserInputException e) {
            error.set(e.getMessage());
            plan.set(null);
            return;
        }
        if (planner == null) {
            return;
        }
        current = executor.submit("pruning plan", token -> planner.plan(c, cfg, token), p -> {
            if (gen == generation) {
                plan.set(p);
            }
        }, e -> {
            if (gen == generation) {
                plan.set(null);
                error.set(e.getMessage());
            }
        });
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.3f", v).replaceAll("0+$", "").replaceAll("\\.$", ".0");
    }

    /** Parameters of the current checkpoint (0 without one). */
    public long parametersBefore() {
        CheckpointSummary c = checkpoint.get();
        return c == null ? 0 : c.parameterCount();
    }

    /** Parameters after the planned pruning (0 without a plan). */
    public long parametersAfter() {
        CheckpointSummary c = checkpoint.get();
        LayerLayout p = plan.get();
        return c == null || p == null ? 0 : p.parameterCount(c.config());
    }

    public ObjectProperty<CheckpointSummary> checkpointProperty() {
        return checkpoint;
    }

    /** The open project's preset (paper before a project is opened, as the project file's default). */
    public ObjectProperty<Preset> presetProperty() {
        return preset;
    }

    public ObjectProperty<Path> projectFolderProperty() {
        return projectFolder;
    }

    /** pruning.method: "block" or "depth". */
    public StringProperty methodProperty() {
        return method;
    }

    public DoubleProperty ratioProperty() {
        return ratio;
    }

    public StringProperty ratioTextProperty() {
        return ratioText;
    }

    public IntegerProperty firstPrunableProperty() {
        return firstPrunable;
    }

    public IntegerProperty lastPrunableProperty() {
        return lastPrunable;
    }

    /** pruning.ratio_kind: "global" (share of all parameters) or "local" (share of each pruned layer). */
    public StringProperty ratioKindProperty() {
        return ratioKind;
    }

    public StringProperty calibrationFileProperty() {
        return calibrationFile;
    }

    public StringProperty importanceProperty() {
        return importance;
    }

    /** pruning.depth_criterion: "taylor" or "ppl" (used by depth pruning only). */
    public StringProperty depthCriterionProperty() {
        return depthCriterion;
    }

    public IntegerProperty calibrationSamplesProperty() {
        return calibrationSamples;
    }

    public StringProperty errorProperty() {
        return error;
    }

    public ObjectProperty<LayerLayout> planProperty() {
        return plan;
    }

    /**
     * The memory pre-flight of prune, LoRA step (on the planned widths) and evaluation for the
     * project's settings ({@link dev.rankadaptor.ui.pruning.StagePreflightModel}, bound by the window).
     */
    public ShownPreflightModel preflight() {
        return preflight;
    }
}

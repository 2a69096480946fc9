package dev.rankadaptor.ui.pruning;

import dev.rankadaptor.checkpoint.LayerLayout;
import dev.rankadaptor.common.InvalidFieldException;
import dev.rankadaptor.checkpoint.CheckpointSummary;
import dev.rankadaptor.ui.exec.UiExecutor;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Pruning panel: settings as properties, inline validation (the message names the field), and
 * a live shape-only plan recomputed in the background on every valid change (a newer change
 * cancels the older computation). The ratio has a text form for the field beside the slider.
 */
public final class PruningViewModel {
    private final UiExecutor executor;
    private final PruningPlanner planner;
    private final ObjectProperty<CheckpointSummary> checkpoint = new SimpleObjectProperty<>(this, "checkpoint");
    private final StringProperty method = new SimpleStringProperty(this, "method", "block-wise");
    private final DoubleProperty ratio = new SimpleDoubleProperty(this, "ratio", 0.25);
    private final StringProperty ratioText = new SimpleStringProperty(this, "ratioText", "0.25");
    private final IntegerProperty firstPrunable = new SimpleIntegerProperty(this, "firstPrunable", 0);
    private final IntegerProperty lastPrunable = new SimpleIntegerProperty(this, "lastPrunable", 0);
    private final StringProperty ratioKind = new SimpleStringProperty(this, "ratioKind", "global");
    private final StringProperty calibrationFile = new SimpleStringProperty(this, "calibrationFile", "data/calibration.txt");
    private final StringProperty importance = new SimpleStringProperty(this, "importance", "element1");
    /** project.json's pruning.depth_criterion: "taylor" or "ppl" (used by depth pruning only). */
    private final StringProperty depthCriterion = new SimpleStringProperty(this, "depthCriterion", "taylor");
    private final IntegerProperty calibrationSamples = new SimpleIntegerProperty(this, "calibrationSamples", 10);
    private final StringProperty error = new SimpleStringProperty(this, "error", "");
    private final ObjectProperty<LayerLayout> plan = new SimpleObjectProperty<>(this, "plan");
    private UiExecutor.Job current;
    private boolean syncing;
    /** Counts plan requests: only the newest request's result or error is shown (older ones were cancelled). */
    private int generation;

    /** @param planner the shape planner, or null when none is installed (validation still works) */
    public PruningViewModel(UiExecutor executor, PruningPlanner planner) {
        this.executor = executor;
        this.planner = planner;
        ratio.addListener((o, a, v) -> {
            if (!syncing) {
                syncing = true;
                ratioText.set(String.format(java.util.Locale.ROOT, "%.3f", v.doubleValue()).replaceAll("0+$", "").replaceAll("\\.$", ".0"));
                syncing = false;
            }
            update();
        });
        ratioText.addListener((o, a, t) -> {
            if (syncing) {
                return;
            }
            try {
                double v = Double.parseDouble(t.trim());
                syncing = true;
                ratio.set(v);
                syncing = false;
                update();
            } catch (NumberFormatException e) {
                error.set("pruning.ratio: must be a number in (0, 1), was '" + t.trim() + "'");
                plan.set(null);
            }
        });
        checkpoint.addListener((o, a, c) -> {
            if (c != null) {
                setProtectedLayers(defaultProtected(c.layout().size()));
            }
            update();
        });
        method.addListener((o, a, b) -> update());
        ratioKind.addListener((o, a, b) -> update());
        calibrationFile.addListener((o, a, b) -> update());
        firstPrunable.addListener((o, a, b) -> update());
        lastPrunable.addListener((o, a, b) -> update());
        importance.addListener((o, a, b) -> update());
        calibrationSamples.addListener((o, a, b) -> update());
    }

    /**
     * The pruner's default protected layers for a model of {@code n} layers (the first 4 and the
     * last 2 from 12 layers up, the paper's proportions below), see PruningConfig#resolveProtected.
     */
    public static int[] defaultProtected(int n) {
        if (n <= 2) {
            return new int[0];
        }
        return dev.rankadaptor.prune.PruningConfig.blockLocal(0.5, java.nio.file.Path.of("unused"))
                .resolveProtected(n).stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Shows a protected set as the panel's prunable range: the widest range between the protected
     * layers at the start and at the end (the range slider edits one contiguous block).
     */
    public void setProtectedLayers(int[] protectedLayers) {
        CheckpointSummary c = checkpoint.get();
        if (c == null) {
            return;
        }
        int n = c.layout().size();
        java.util.Set<Integer> prot = new java.util.HashSet<>();
        for (int p : protectedLayers) {
            prot.add(p);
        }
        int first = 0;
        while (first < n - 1 && prot.contains(first)) {
            first++;
        }
        int last = n - 1;
        while (last > first && prot.contains(last)) {
            last--;
        }
        lastPrunable.set(Math.max(last, firstPrunable.get()));
        firstPrunable.set(first);
        lastPrunable.set(last);
    }

    /** The current settings, or an InvalidFieldException naming the bad field. */
    public PruningChoice choice() {
        CheckpointSummary c = checkpoint.get();
        if (c == null) {
            throw new InvalidFieldException("checkpoint", "open a checkpoint first");
        }
        return new PruningChoice(method.get(), ratioKind.get(), ratio.get(), firstPrunable.get(), lastPrunable.get(),
                importance.get(), calibrationFile.get(), calibrationSamples.get(), c.layout().size());
    }

    private void update() {
        PruningChoice choice;
        try {
            choice = choice();
            error.set("");
        } catch (InvalidFieldException e) {
            error.set(e.getMessage());
            plan.set(null);
            return;
        }
        if (planner == null) {
            return;
        }
        if (current != null) {
            current.cancel();
        }
        CheckpointSummary c = checkpoint.get();
        int gen = ++generation;
        current = executor.submit("pruning plan", token -> planner.plan(c, choice, token), p -> {
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

    /** "global" (share of all parameters, the planner solves the per-layer ratio) or "local". */
    public StringProperty ratioKindProperty() {
        return ratioKind;
    }

    public StringProperty calibrationFileProperty() {
        return calibrationFile;
    }

    public StringProperty importanceProperty() {
        return importance;
    }

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
}

package dev.rankadaptor.ui.drilldown;

import dev.rankadaptor.experiment.TrialDetail;
import dev.rankadaptor.experiment.TrialDetailReader;
import dev.rankadaptor.ui.exec.UiExecutor;
import dev.rankadaptor.ui.trials.TrialRow;
import dev.rankadaptor.ui.trials.TrialsTableModel;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The trial drill-down: whichever view selects a trial (table, parallel coordinates, scatter,
 * convergence, heatmap; they share {@link TrialsTableModel#selectedTrialProperty()}), this reads that
 * trial's records and files from the open run folder in the background ({@link TrialDetailReader}) and
 * turns them into the texts the detail pane shows. Only the newest selection's result is shown.
 * Without a run folder it shows what the table row holds and says the rest needs a run.
 */
public final class TrialDetailViewModel {
    private final UiExecutor executor;
    private final TrialsTableModel trials;
    private final ObjectProperty<Path> runFolder = new SimpleObjectProperty<>(this, "runFolder");
    private final BooleanProperty open = new SimpleBooleanProperty(this, "open", false);
    private final ObjectProperty<TrialDetail> detail = new SimpleObjectProperty<>(this, "detail");
    private final ObjectProperty<int[]> ranks = new SimpleObjectProperty<>(this, "ranks", new int[0]);
    private final ObjectProperty<double[]> lossCurve = new SimpleObjectProperty<>(this, "lossCurve");
    private final ObservableList<String> taskScores = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper title = text("title");
    private final ReadOnlyStringWrapper phase = text("phase");
    private final ReadOnlyStringWrapper seed = text("seed");
    private final ReadOnlyStringWrapper scores = text("scores");
    private final ReadOnlyStringWrapper parameters = text("parameters");
    private final ReadOnlyStringWrapper times = text("times");
    private final ReadOnlyStringWrapper duration = text("duration");
    private final ReadOnlyStringWrapper loss = text("loss");
    private final ReadOnlyStringWrapper attempts = text("attempts");
    private final ReadOnlyStringWrapper logTail = text("logTail");
    private final ReadOnlyStringWrapper status = text("status");
    private long request;

    public TrialDetailViewModel(UiExecutor executor, TrialsTableModel trials) {
        this.executor = executor;
        this.trials = trials;
        trials.selectedTrialProperty().addListener((o, a, i) -> {
            if (i.intValue() >= 0) {
                open.set(true);
            }
            reload();
        });
        runFolder.addListener((o, a, f) -> reload());
    }

    private ReadOnlyStringWrapper text(String name) {
        return new ReadOnlyStringWrapper(this, name, "");
    }

    /** Reads the selected trial again (also after the run folder changed). */
    public void reload() {
        long req = ++request;
        int index = trials.getSelectedTrial();
        TrialRow row = row(index);
        Path folder = runFolder.get();
        if (index < 0) {
            clear("select a trial in the table or a chart");
            return;
        }
        showRow(index, row);
        if (folder == null) {
            status.set("no run folder is open: seed, times, loss curve and log come from a run's files");
            return;
        }
        status.set("reading trial " + index + " from " + folder.getFileName() + " …");
        executor.submit("trial detail " + index, token -> TrialDetailReader.read(folder, index), d -> {
            if (req == request) {
                show(d, row);
            }
        }, e -> {
            if (req == request) {
                status.set("cannot read trial " + index + ": " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
            }
        });
    }

    private TrialRow row(int index) {
        for (TrialRow t : trials.trials()) {
            if (t.getIndex() == index) {
                return t;
            }
        }
        return null;
    }

    private void clear(String why) {
        detail.set(null);
        for (ReadOnlyStringWrapper w : new ReadOnlyStringWrapper[]{title, phase, seed, scores, parameters, times, duration, loss,
                attempts, logTail}) {
            w.set("");
        }
        ranks.set(new int[0]);
        lossCurve.set(null);
        taskScores.clear();
        status.set(why);
    }

    /** What the table row alone says (shown at once, before the files are read). */
    private void showRow(int index, TrialRow row) {
        clear("");
        title.set("Trial " + index);
        if (row == null) {
            return;
        }
        phase.set("phase " + row.getPhase() + " · " + row.statusText());
        ranks.set(row.getRanks());
        scores.set(scoreLine(Double.isNaN(row.getPredicted()) ? null : row.getPredicted(),
                Double.isNaN(row.getMeasured()) ? null : row.getMeasured()));
        parameters.set(parametersLine(row));
    }

    private void show(TrialDetail d, TrialRow row) {
        detail.set(d);
        title.set("Trial " + d.index() + (d.method().isEmpty() ? "" : " · " + d.method()));
        phase.set("phase " + d.phase() + " · " + (d.failure() != null ? "failed: " + d.failure().message() : d.state()));
        seed.set(d.seed() == null ? "seed unknown" : "seed " + d.seed());
        ranks.set(d.ranks());
        scores.set(scoreLine(d.predicted(), d.measured()));
        taskScores.clear();
        for (Map.Entry<String, Double> e : d.taskScores().entrySet()) {
            taskScores.add(e.getKey() + "  " + fmt(e.getValue()));
        }
        parameters.set(parametersLine(row));
        times.set("started " + orDash(d.startTime()) + " · " + (d.finished() != null ? "finished " : d.failure() != null ? "failed " : "")
                + (d.finishTime() == null ? "not ended" : d.finishTime()));
        Duration wall = d.wallTime();
        String split = d.finished() == null ? "" : String.format(Locale.ROOT, " (training %.1f s, evaluation %.1f s on %s)",
                d.finished().trainSeconds(), d.finished().evalSeconds(), d.finished().device());
        duration.set((wall == null ? "duration unknown" : "duration " + human(wall)) + split);
        double[] curve = d.lossCurve();
        lossCurve.set(curve);
        var sum = d.finished() == null ? null : d.finished().loss();
        if (curve != null) {
            double min = Double.NaN;
            for (double l : curve) {
                min = Double.isNaN(min) || l < min ? l : min;
            }
            loss.set(String.format(Locale.ROOT, "loss over %d steps: first %.4f, min %.4f, last %.4f", curve.length,
                    curve.length == 0 ? Double.NaN : curve[0], min, curve.length == 0 ? Double.NaN : curve[curve.length - 1]));
        } else if (sum != null) {
            loss.set(String.format(Locale.ROOT, "loss over %d steps: first %.4f, min %.4f, last %.4f (per-step history not recorded)",
                    sum.steps(), sum.first(), sum.min(), sum.last()));
        } else {
            loss.set("no loss recorded");
        }
        attempts.set(String.join("\n", d.attempts()));
        logTail.set(d.logTail().isEmpty() ? "(no log: the trial ran inside the run's process; its lines are in the Run panel's log)"
                : d.logTail());
        status.set(d.logSource().isEmpty() ? "" : "log: " + d.logSource());
    }

    private static String parametersLine(TrialRow row) {
        return row == null || row.getParameters().isEmpty() ? "trainable parameters unknown (no pruned model in the run folder)"
                : "trainable parameters " + row.getParameters() + " of uniform LoRA";
    }

    private static String scoreLine(Double predicted, Double measured) {
        String s = "predicted " + (predicted == null ? "–" : fmt(predicted)) + " → measured " + (measured == null ? "–" : fmt(measured));
        if (predicted != null && measured != null) {
            s += " (|error| " + fmt(Math.abs(predicted - measured)) + ")";
        }
        return s;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static String orDash(String s) {
        return s == null ? "–" : s;
    }

    static String human(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format(Locale.ROOT, "%dh %02dm %02ds", s / 3600, s / 60 % 60, s % 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60)
                : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    /** The run folder the trials come from (bound to the open run). */
    public ObjectProperty<Path> runFolderProperty() {
        return runFolder;
    }

    /** Whether the detail pane is shown (a selection opens it, its close button hides it). */
    public BooleanProperty openProperty() {
        return open;
    }

    public ObjectProperty<TrialDetail> detailProperty() {
        return detail;
    }

    public ObjectProperty<int[]> ranksProperty() {
        return ranks;
    }

    /** Loss per step, null when the trial has no history file. */
    public ObjectProperty<double[]> lossCurveProperty() {
        return lossCurve;
    }

    /** "task  score" lines. */
    public ObservableList<String> taskScores() {
        return taskScores;
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty seedProperty() {
        return seed.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty scoresProperty() {
        return scores.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty parametersProperty() {
        return parameters.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty timesProperty() {
        return times.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty durationProperty() {
        return duration.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty lossProperty() {
        return loss.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty attemptsProperty() {
        return attempts.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty logTailProperty() {
        return logTail.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}

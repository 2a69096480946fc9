package dev.rankadaptor.ui.run;

import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;

/**
 * Thin view of {@link RunControlsViewModel}: the five actions (each enabled only where the state
 * machine allows it), progress with ETA, status message, and the live trial log.
 */
public final class RunView extends BorderPane {

    /** Least time between two redraws of the loss curve. */
    public static final double LOSS_REDRAW_MS = 250;
    private final dev.rankadaptor.ui.charts.LossCurveChart lossChart = new dev.rankadaptor.ui.charts.LossCurveChart();

    public RunView(RunControlsViewModel vm) {
        this(vm, null);
    }

    /** @param loss the running trial's loss curve, or null to show the log only */
    public RunView(RunControlsViewModel vm, LossCurveModel loss) {
        setId("run-view");
        Button start = button("Start", "run-start", () -> vm.start(false));
        Button resumeJournal = button("Resume from journal", "run-resume-journal", () -> vm.start(true));
        Button pause = button("Pause", "run-pause", vm::pause);
        Button resume = button("Resume", "run-resume", vm::resume);
        Button stop = button("Stop", "run-stop", vm::stop);
        Button cancel = button("Cancel", "run-cancel", vm::cancel);
        start.disableProperty().bind(vm.canStartProperty().not());
        resumeJournal.disableProperty().bind(vm.canStartProperty().not());
        pause.disableProperty().bind(vm.canPauseProperty().not());
        resume.disableProperty().bind(vm.canResumeProperty().not());
        stop.disableProperty().bind(vm.canStopProperty().not());
        cancel.disableProperty().bind(vm.canCancelProperty().not());
        ProgressBar bar = new ProgressBar();
        bar.progressProperty().bind(vm.progressProperty());
        bar.setPrefWidth(240);
        Label eta = new Label();
        eta.textProperty().bind(vm.etaProperty().map(s -> s.isEmpty() ? "" : "ETA " + s));
        Label state = new Label();
        state.setId("run-state");
        state.textProperty().bind(vm.stateProperty().asString().concat(" · ").concat(vm.messageProperty()));
        HBox controls = new HBox(8, start, resumeJournal, pause, resume, stop, cancel, bar, eta);
        controls.setPadding(new Insets(6));
        ListView<String> log = new ListView<>(vm.log());
        log.setId("run-log");
        vm.log().addListener((javafx.collections.ListChangeListener<String>) c -> {
            while (c.next()) {
                if (c.wasAdded() && c.getTo() == vm.log().size()) {
                    log.scrollTo(vm.log().size() - 1);
                    return;
                }
            }
        });
        setTop(controls);
        if (loss == null) {
            setCenter(log);
        } else {
            lossChart.setId("run-loss");
            // redraw at most every LOSS_REDRAW_MS: a software-rendered chart per pulse costs more than the curve is worth
            javafx.animation.PauseTransition wait = new javafx.animation.PauseTransition(javafx.util.Duration.millis(LOSS_REDRAW_MS));
            Runnable draw = () -> {
                double[][] p = loss.pointsProperty().get();
                if (p[0].length == 0) {
                    return; // a trial just started: keep the last curve until the new one has points
                }
                lossChart.setCurve(loss.trialProperty().get() < 0 ? "Loss of the running trial"
                        : "Loss of trial " + loss.trialProperty().get(), p[0], p[1]);
            };
            wait.setOnFinished(e -> draw.run());
            loss.pointsProperty().addListener((o, a, p) -> {
                if (wait.getStatus() != javafx.animation.Animation.Status.RUNNING) {
                    wait.playFromStart();
                }
            });
            javafx.scene.control.SplitPane split = new javafx.scene.control.SplitPane(log, lossChart);
            split.setDividerPositions(0.45);
            setCenter(split);
        }
        Label status = state;
        status.setPadding(new Insets(4, 6, 4, 6));
        setBottom(status);
    }

    public dev.rankadaptor.ui.charts.LossCurveChart lossChart() {
        return lossChart;
    }

    private static Button button(String text, String id, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }
}

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
        javafx.scene.control.TableView<dev.rankadaptor.pipeline.TrialPool.WorkerStatus> workers = workersTable(vm.workers());
        javafx.scene.layout.VBox bottom = new javafx.scene.layout.VBox(status);
        // the workers table enters the scene only while a parallel run has workers: an in-process run never
        // pays for its skin and cells on the FX thread (creating them took a whole pulse while a trial trained)
        vm.workers().rows().addListener((javafx.collections.ListChangeListener<dev.rankadaptor.pipeline.TrialPool.WorkerStatus>) c -> {
            boolean any = !vm.workers().rows().isEmpty();
            if (any && !bottom.getChildren().contains(workers)) {
                bottom.getChildren().add(0, workers);
            } else if (!any) {
                bottom.getChildren().remove(workers);
            }
        });
        setBottom(bottom);
        // the pool's snapshot is read once a second while a parallel run has one; nothing runs otherwise
        javafx.animation.Timeline poll = new javafx.animation.Timeline(new javafx.animation.KeyFrame(
                javafx.util.Duration.seconds(1), e -> vm.workers().refresh()));
        poll.setCycleCount(javafx.animation.Animation.INDEFINITE);
        poll.play();
    }

    /** Workers / jobs of a parallel run: one row per trial in flight or queued, with its cancel button. */
    private static javafx.scene.control.TableView<dev.rankadaptor.pipeline.TrialPool.WorkerStatus> workersTable(WorkersViewModel vm) {
        var table = new javafx.scene.control.TableView<>(vm.rows());
        table.setId("run-workers");
        table.setPrefHeight(130);
        table.setColumnResizePolicy(javafx.scene.control.TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(workerColumn("trial", 50, w -> Integer.toString(w.index())));
        table.getColumns().add(workerColumn("state", 70, w -> w.state() + (w.attempt() > 1 ? " (attempt " + w.attempt() + ")" : "")));
        table.getColumns().add(workerColumn("method", 90, dev.rankadaptor.pipeline.TrialPool.WorkerStatus::method));
        table.getColumns().add(workerColumn("ranks", 160, dev.rankadaptor.pipeline.TrialPool.WorkerStatus::ranks));
        table.getColumns().add(workerColumn("device / node", 90, dev.rankadaptor.pipeline.TrialPool.WorkerStatus::where));
        table.getColumns().add(workerColumn("elapsed", 60, w -> String.format("%.0f s", w.elapsedSeconds())));
        var cancel = new javafx.scene.control.TableColumn<dev.rankadaptor.pipeline.TrialPool.WorkerStatus, Integer>("");
        cancel.setPrefWidth(70);
        cancel.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyObjectWrapper<>(c.getValue().index()));
        cancel.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            private final Button b = new Button("Cancel");

            @Override
            protected void updateItem(Integer index, boolean empty) {
                super.updateItem(index, empty);
                if (empty || index == null) {
                    setGraphic(null);
                    return;
                }
                b.setId("run-worker-cancel-" + index);
                b.setOnAction(e -> vm.cancel(index));
                setGraphic(b);
            }
        });
        table.getColumns().add(cancel);
        table.getColumns().add(workerColumn("log", 240, w -> WorkersViewModel.lastLine(w.logTail())));
        return table;
    }

    private static javafx.scene.control.TableColumn<dev.rankadaptor.pipeline.TrialPool.WorkerStatus, String> workerColumn(
            String name, double width, java.util.function.Function<dev.rankadaptor.pipeline.TrialPool.WorkerStatus, String> f) {
        var c = new javafx.scene.control.TableColumn<dev.rankadaptor.pipeline.TrialPool.WorkerStatus, String>(name);
        c.setPrefWidth(width);
        c.setCellValueFactory(x -> new javafx.beans.property.ReadOnlyObjectWrapper<>(f.apply(x.getValue())));
        return c;
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

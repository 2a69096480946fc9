package dev.rankadaptor.ui.drilldown;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The trial detail pane at the right of the window: what {@link TrialDetailViewModel} read for the
 * selected trial (ranks per layer as bars, predicted / measured, per-task scores, loss curve, seed,
 * times, parameters, attempts, log tail) and the note and tags editors of the trial and of the run
 * ({@link RunNotesViewModel}). Shown while a trial is selected until its close button is pressed.
 */
public final class TrialDetailView extends BorderPane {
    private final TrialMiniPlot ranks = new TrialMiniPlot(true, "no ranks");
    private final TrialMiniPlot loss = new TrialMiniPlot(false, "no per-step loss history in the run folder");

    public TrialDetailView(TrialDetailViewModel vm, RunNotesViewModel notes) {
        setId("trial-detail");
        getStyleClass().add("ra-trial-detail");
        setPrefWidth(360);
        setMinWidth(260);
        Label title = label("detail-title", vm.titleProperty());
        title.setStyle("-fx-font-weight: bold;");
        Button close = new Button("✕");
        close.setId("detail-close");
        close.setOnAction(e -> vm.openProperty().set(false));
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox head = new HBox(6, title, gap, close);
        head.setPadding(new Insets(6));
        setTop(head);

        ranks.setId("detail-ranks");
        loss.setId("detail-loss-curve");
        vm.ranksProperty().addListener((o, a, r) -> ranks.setValues(java.util.Arrays.stream(r).asDoubleStream().toArray()));
        vm.lossCurveProperty().addListener((o, a, c) -> loss.setValues(c));
        ListView<String> tasks = new ListView<>(vm.taskScores());
        tasks.setId("detail-tasks");
        tasks.setPrefHeight(110);
        tasks.setFocusTraversable(false);
        TextArea log = new TextArea();
        log.setId("detail-log");
        log.setEditable(false);
        log.setWrapText(false);
        log.setPrefRowCount(10);
        log.textProperty().bind(vm.logTailProperty());
        log.setStyle("-fx-font-family: monospace;");

        TextArea note = new TextArea();
        note.setId("detail-note");
        note.setPromptText("note on this trial");
        note.setPrefRowCount(3);
        note.setWrapText(true);
        note.textProperty().bindBidirectional(notes.trialNoteProperty());
        TextField tags = new TextField();
        tags.setId("detail-tags");
        tags.setPromptText("tags, comma-separated");
        tags.textProperty().bindBidirectional(notes.trialTagsProperty());
        Button save = new Button("Save note");
        save.setId("detail-save-note");
        save.setOnAction(e -> notes.saveTrial());
        save.disableProperty().bind(notes.runFolderProperty().isNull());

        TextArea runNote = new TextArea();
        runNote.setId("run-note");
        runNote.setPromptText("note on the run");
        runNote.setPrefRowCount(2);
        runNote.setWrapText(true);
        runNote.textProperty().bindBidirectional(notes.runNoteProperty());
        TextField runTags = new TextField();
        runTags.setId("run-tags");
        runTags.setPromptText("run tags, comma-separated");
        runTags.textProperty().bindBidirectional(notes.runTagsProperty());
        Button saveRun = new Button("Save run note");
        saveRun.setId("run-save-note");
        saveRun.setOnAction(e -> notes.saveRun());
        saveRun.disableProperty().bind(notes.runFolderProperty().isNull());
        TitledPane runPane = new TitledPane("Run note & tags", new VBox(4, runNote, runTags, saveRun));
        runPane.setExpanded(false);

        VBox body = new VBox(4,
                label("detail-phase", vm.phaseProperty()),
                label("detail-scores", vm.scoresProperty()),
                label("detail-seed", vm.seedProperty()),
                label("detail-params", vm.parametersProperty()),
                label("detail-times", vm.timesProperty()),
                label("detail-duration", vm.durationProperty()),
                new Label("ranks per layer"), ranks,
                new Label("per-task scores"), tasks,
                label("detail-loss", vm.lossProperty()), loss,
                label("detail-attempts", vm.attemptsProperty()),
                new Label("log (last lines)"), log,
                new Label("note & tags"), note, tags, save,
                label("detail-notes-status", notes.statusProperty()),
                label("detail-status", vm.statusProperty()),
                runPane);
        body.setPadding(new Insets(0, 8, 8, 8));
        ScrollPane scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        setCenter(scroll);
        visibleProperty().bind(vm.openProperty());
        managedProperty().bind(visibleProperty());
    }

    private static Label label(String id, javafx.beans.value.ObservableStringValue text) {
        Label l = new Label();
        l.setId(id);
        l.setWrapText(true);
        l.textProperty().bind(text);
        l.visibleProperty().bind(Bindings.isNotEmpty(text));
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }

    /** Bars drawn (one per layer). */
    public int rankBarCount() {
        return ranks.valueCount();
    }

    /** Loss points drawn. */
    public int lossPointCount() {
        return loss.valueCount();
    }
}

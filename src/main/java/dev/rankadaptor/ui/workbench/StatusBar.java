package dev.rankadaptor.ui.workbench;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.geometry.Orientation;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;

/**
 * The strip at the bottom of the window: device, memory in use / available, run state, trials done /
 * expected, ETA. Memory is re-read every two seconds while the bar is in a window (the read itself
 * runs in the background, see {@link StatusBarModel#refreshMemory()}).
 */
public final class StatusBar extends HBox {
    static final Duration MEMORY_EVERY = Duration.seconds(2);

    public StatusBar(StatusBarModel model) {
        super(8);
        setId("status-bar");
        getStyleClass().add("ra-status-bar");
        setPadding(new Insets(2, 8, 2, 8));
        setAlignment(Pos.CENTER_LEFT);
        Label device = label("status-device", model.deviceProperty());
        Label memory = label("status-memory", model.memoryProperty());
        Label run = label("status-run", model.runProperty());
        Label trials = label("status-trials", model.trialsProperty());
        Label eta = label("status-eta", model.etaProperty());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        getChildren().addAll(device, bar(), memory, grow, run, bar(), trials, bar(), eta);
        Timeline poll = new Timeline();
        poll.getKeyFrames().add(new KeyFrame(MEMORY_EVERY, e -> {
            model.refreshMemory();
            if (model.closed()) {
                poll.stop();
            }
        }));
        poll.setCycleCount(Timeline.INDEFINITE);
        sceneProperty().addListener((o, was, now) -> {
            if (now != null) {
                model.refreshMemory();
                poll.play();
            } else {
                poll.stop();
            }
        });
    }

    private static Label label(String id, javafx.beans.value.ObservableValue<String> text) {
        Label l = new Label();
        l.setId(id);
        l.textProperty().bind(text);
        l.getStyleClass().add("ra-muted");
        return l;
    }

    private static Separator bar() {
        return new Separator(Orientation.VERTICAL);
    }
}

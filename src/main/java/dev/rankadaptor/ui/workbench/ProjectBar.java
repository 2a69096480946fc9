package dev.rankadaptor.ui.workbench;

import dev.rankadaptor.ui.backend.ProjectSession;
import dev.rankadaptor.experiment.RecentFiles;
import dev.rankadaptor.ui.backend.RecentFilesModel;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.FileChooser;

import java.io.File;
import java.nio.file.Path;

/**
 * The strip above the panels, bound to the window's WorkbenchState (project, runs, status line);
 * its buttons call the ProjectSession. The open project file (type a path or browse), the recent projects
 * menu, Save, the project's
 * runs (pick one to replay its journal into the views) and the session's status line.
 */
public final class ProjectBar extends HBox {

    public ProjectBar(ProjectSession session) {
        super(6);
        setId("project-bar");
        setPadding(new Insets(4, 6, 4, 6));
        setAlignment(Pos.CENTER_LEFT);
        TextField path = new TextField();
        path.setId("project-path");
        path.setPromptText("project.json");
        path.setPrefColumnCount(20);
        session.state().projectProperty().addListener((o, a, pf) -> {
            if (pf != null) {
                path.setText(pf.path().toString());
            }
        });
        Button open = new Button("Open project");
        open.setId("project-open");
        open.setOnAction(e -> {
            String text = path.getText().trim();
            if (text.isEmpty()) {
                File f = chooser().showOpenDialog(getScene().getWindow());
                if (f == null) {
                    return;
                }
                text = f.getPath();
            }
            session.load(Path.of(text));
        });
        path.setOnAction(open.getOnAction());
        MenuButton recentMenu = recentMenu(session);
        Button save = new Button("Save");
        save.setId("project-save");
        save.setOnAction(e -> {
            String text = path.getText().trim();
            if (!text.isEmpty()) {
                session.save(Path.of(text));
            }
        });
        save.disableProperty().bind(session.state().projectProperty().isNull());
        ComboBox<Path> runs = new ComboBox<>(session.state().runs());
        runs.setId("project-runs");
        runs.setPromptText("runs");
        runs.setCellFactory(v -> new NameCell());
        runs.setButtonCell(new NameCell());
        runs.setPrefWidth(200);
        session.state().currentRunProperty().addListener((o, a, r) -> runs.setValue(r));
        Button openRun = new Button("Open run");
        openRun.setId("project-open-run");
        openRun.setOnAction(e -> {
            if (runs.getValue() != null) {
                session.openRun(runs.getValue());
            }
        });
        Label status = new Label();
        status.setId("project-status");
        status.textProperty().bind(session.state().statusProperty());
        status.setMaxWidth(Double.MAX_VALUE);
        status.setMinWidth(0);
        for (javafx.scene.control.ButtonBase b : new javafx.scene.control.ButtonBase[] {open, recentMenu, save, openRun}) {
            b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        HBox.setHgrow(status, Priority.ALWAYS);
        getChildren().addAll(new Label("Project"), path, open, recentMenu, save, runs, openRun, status);
    }

    /** "Recent ▾": the last project files opened or saved, newest first; missing ones greyed and disabled. */
    private static MenuButton recentMenu(ProjectSession session) {
        MenuButton menu = new MenuButton("Recent");
        menu.setId("project-recent");
        RecentFilesModel recent = session.recent();
        if (recent == null) {
            menu.setDisable(true);
            return menu;
        }
        Runnable rebuild = () -> {
            menu.getItems().clear();
            for (RecentFiles.Entry e : recent.projects()) {
                Path p = e.path();
                String parent = p.getParent() == null ? "" : p.getParent().getFileName() + "/";
                MenuItem item = new MenuItem(parent + p.getFileName() + (e.exists() ? "" : "  (missing)"));
                item.setMnemonicParsing(false);
                item.setId("recent-project-" + menu.getItems().size());
                if (e.exists()) {
                    item.setOnAction(a -> session.load(p));
                } else {
                    item.setDisable(true);
                    item.getStyleClass().add("ra-missing");
                }
                menu.getItems().add(item);
            }
            if (menu.getItems().isEmpty()) {
                MenuItem none = new MenuItem("no recent projects");
                none.setDisable(true);
                menu.getItems().add(none);
            }
            String note = recent.statusProperty().get();
            if (note != null && !note.isEmpty()) {
                menu.getItems().add(new SeparatorMenuItem());
                MenuItem n = new MenuItem(note);
                n.setMnemonicParsing(false);
                n.setDisable(true);
                menu.getItems().add(n);
            }
        };
        recent.projects().addListener((javafx.collections.ListChangeListener<RecentFiles.Entry>) c -> rebuild.run());
        recent.statusProperty().addListener((o, a, b) -> {
            rebuild.run();
            if (b != null && b.startsWith("recent files list")) {
                session.state().statusProperty().set(b);
            }
        });
        rebuild.run();
        return menu;
    }

    private static FileChooser chooser() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Open project.json");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("Project file", "*.json"));
        return fc;
    }

    private static final class NameCell extends ListCell<Path> {
        @Override
        protected void updateItem(Path item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : item.getFileName().toString());
        }
    }
}

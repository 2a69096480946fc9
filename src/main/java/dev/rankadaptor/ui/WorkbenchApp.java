package dev.rankadaptor.ui;

import dev.rankadaptor.ui.workbench.WorkbenchTheme;
import dev.rankadaptor.reference.PaperReference;
import dev.rankadaptor.checkpoint.CheckpointReader;
import dev.rankadaptor.ui.backend.OrchestratorRunController;
import dev.rankadaptor.ui.backend.ProjectSession;
import dev.rankadaptor.ui.backend.ShapePlanner;
import dev.rankadaptor.ui.exec.FxUiExecutor;
import dev.rankadaptor.ui.workbench.ProjectBar;
import dev.rankadaptor.ui.exec.UiExecutor;
import dev.rankadaptor.ui.run.RunController;
import dev.rankadaptor.checkpoint.CheckpointInspector;
import dev.rankadaptor.ui.pruning.PruningPlanner;
import dev.rankadaptor.ui.workbench.WorkbenchServices;
import dev.rankadaptor.ui.workbench.WorkbenchView;
import dev.rankadaptor.ui.workbench.WorkbenchViewModel;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The JavaFX application: builds the workbench window over the paper reference (bundled, so the
 * paper-reference project is viewable with no computation) and owns the background executor,
 * which it shuts down on exit. {@link #wire} connects the panels to the real back end (checkpoint
 * reader, shape planner, project session, run orchestrator); first launch opens the tiny demo
 * project (or the one given as {@code --project=FILE}).
 */
public class WorkbenchApp extends Application {
    /** Default window size; fits Monocle's default 1280x800 headless screen used by tests and screenshots. */
    public static final double WIDTH = WorkbenchView.WIDTH;
    public static final double HEIGHT = WorkbenchView.HEIGHT;
    private static volatile java.util.function.Function<WorkbenchViewModel, RunController> runControllerFactory;
    private static volatile CheckpointInspector checkpointInspector;
    private static volatile PruningPlanner pruningPlanner;

    private UiExecutor executor;
    private Wired wired;
    private dev.rankadaptor.ui.workbench.ViewStateKeeper viewState;

    /** Lets the launcher (or a test) install the back end before {@code launch}. */
    public static void setRunControllerFactory(java.util.function.Function<WorkbenchViewModel, RunController> factory) {
        runControllerFactory = factory;
    }

    /** Installs the checkpoint reader and pruning planner seams before {@code launch}. */
    public static void setBackEnd(CheckpointInspector inspector, PruningPlanner planner) {
        checkpointInspector = inspector;
        pruningPlanner = planner;
    }

    /** Builds a workbench scene in the light theme (also used by tests and the screenshot tour). */
    public static Scene createScene(WorkbenchViewModel vm) {
        return WorkbenchView.scene(vm);
    }

    /** A view model with the bundled paper reference and the given run controller. */
    public static WorkbenchViewModel createViewModel(UiExecutor executor, RunController controller) {
        return new WorkbenchViewModel(executor, PaperReference.bundled(), controller);
    }

    /** A fully wired window: view models over the real back end, its project session and scene. */
    public record Wired(WorkbenchViewModel vm, ProjectSession session, WorkbenchView view, Scene scene,
                        RunController controller) {
    }

    /**
     * Wires a workbench over the real back end: checkpoint reader, shape planner, project session,
     * the recent-files list (in the user's config folder, see {@link dev.rankadaptor.experiment.RecentFiles})
     * and the pipeline's run orchestrator, made for the window's panels and state.
     */
    public static Wired wire(UiExecutor executor) {
        // JIT warm-up of new code paths waits for an idle core instead of for the window
        dev.rankadaptor.compute.BackgroundPriority.lowerJitThreads();
        WorkbenchViewModel vm = new WorkbenchViewModel(executor,
                new WorkbenchServices(PaperReference.bundled(), RunController.inert(), new CheckpointReader(), new ShapePlanner()),
                panels -> new OrchestratorRunController(new ProjectSession(panels)));
        OrchestratorRunController target = (OrchestratorRunController) vm.run().controller();
        ProjectSession session = target.session();
        vm.trialDetail().runFolderProperty().bind(vm.state().currentRunProperty());
        vm.runNotes().runFolderProperty().bind(vm.state().currentRunProperty());
        Scene scene = createScene(vm);
        WorkbenchView view = (WorkbenchView) scene.getUserData();
        dev.rankadaptor.ui.backend.RecentFilesModel recent = new dev.rankadaptor.ui.backend.RecentFilesModel(executor,
                new dev.rankadaptor.experiment.RecentFiles(dev.rankadaptor.experiment.RecentFiles.defaultFile()));
        recent.attach(vm.checkpoint());
        session.setRecent(recent);
        recent.load();
        ProjectBar bar = new ProjectBar(session);
        view.setTop(bar);
        installTheme(scene, bar, new dev.rankadaptor.experiment.WorkbenchSettings(dev.rankadaptor.experiment.WorkbenchSettings.defaultFile()));
        return new Wired(vm, session, view, scene, target);
    }

    /**
     * Applies the saved theme (light unless the settings say dark) and adds the theme switch to the
     * project bar; the choice is saved at once so the next start opens the same way.
     */
    static void installTheme(Scene scene, ProjectBar bar, dev.rankadaptor.experiment.WorkbenchSettings settings) {
        settings.reload();
        WorkbenchTheme initial = WorkbenchTheme.fromKey(settings.get("theme"));
        initial.apply(scene);
        javafx.scene.control.ToggleButton dark = new javafx.scene.control.ToggleButton("Dark");
        dark.setId("theme-dark");
        dark.setSelected(initial.dark());
        dark.setTooltip(new javafx.scene.control.Tooltip("Dark theme (saved in " + settings.file() + ")"));
        dark.selectedProperty().addListener((o, was, on) -> {
            WorkbenchTheme t = on ? WorkbenchTheme.DARK : WorkbenchTheme.LIGHT;
            t.apply(scene);
            try {
                settings.put("theme", t.key());
            } catch (java.io.UncheckedIOException e) {
                dark.getTooltip().setText(e.getMessage());
            }
        });
        bar.getChildren().add(dark);
    }

    @Override
    public void start(Stage stage) {
        executor = new FxUiExecutor(2);
        wired = wire(executor);
        String project = getParameters().getNamed().get("project");
        java.util.Optional<java.nio.file.Path> file = project != null ? java.util.Optional.of(java.nio.file.Path.of(project))
                : dev.rankadaptor.pipeline.DemoProject.find();
        file.ifPresent(wired.session()::load);
        wired.view().show(WorkbenchView.CHECKPOINT);
        dev.rankadaptor.experiment.WorkbenchSettings viewSettings =
                new dev.rankadaptor.experiment.WorkbenchSettings(dev.rankadaptor.experiment.WorkbenchSettings.defaultFile());
        viewSettings.reload();
        viewState = new dev.rankadaptor.ui.workbench.ViewStateKeeper(wired.view(), viewSettings, executor,
                java.time.Duration.ofMillis(500));
        WorkbenchTheme.decorate(stage);
        stage.setScene(wired.scene());
        stage.show();
    }

    @Override
    public void stop() {
        if (viewState != null) {
            try {
                viewState.flush();
            } catch (RuntimeException e) {
                System.err.println(e.getMessage());
            }
        }
        if (wired != null) {
            wired.controller().cancel();
        }
        if (executor != null) {
            executor.close();
        }
    }
}

package dev.rankadaptor.ui;

import dev.rankadaptor.reference.PaperReference;
import dev.rankadaptor.ui.backend.CheckpointReader;
import dev.rankadaptor.ui.backend.OrchestratorRunController;
import dev.rankadaptor.ui.backend.ProjectSession;
import dev.rankadaptor.ui.backend.ShapePlanner;
import dev.rankadaptor.ui.backend.WorkbenchHome;
import dev.rankadaptor.ui.exec.FxUiExecutor;
import dev.rankadaptor.ui.workbench.ProjectBar;
import dev.rankadaptor.ui.exec.UiExecutor;
import dev.rankadaptor.ui.run.RunController;
import dev.rankadaptor.ui.checkpoint.CheckpointInspector;
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
    public static final double WIDTH = 1280;
    public static final double HEIGHT = 800;
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
        WorkbenchView view = new WorkbenchView(vm);
        Scene scene = new Scene(view, WIDTH, HEIGHT);
        scene.setUserData(view);
        WorkbenchTheme.LIGHT.apply(scene);
        return scene;
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
     * the recent-files list (in the user's config folder, see {@link dev.rankadaptor.ui.backend.RecentFiles})
     * and the pipeline's run orchestrator (unless a run controller factory was installed).
     */
    public static Wired wire(UiExecutor executor) {
        // JIT warm-up of new code paths waits for an idle core instead of for the window
        dev.rankadaptor.compute.BackgroundPriority.lowerJitThreads();
        DeferredRunController controller = new DeferredRunController();
        WorkbenchViewModel vm = new WorkbenchViewModel(executor, new WorkbenchServices(PaperReference.bundled(), controller,
                checkpointInspector != null ? checkpointInspector : new CheckpointReader(),
                pruningPlanner != null ? pruningPlanner : new ShapePlanner()));
        ProjectSession session = new ProjectSession(vm);
        vm.trialDetail().runFolderProperty().bind(session.currentRunProperty());
        vm.runNotes().runFolderProperty().bind(session.currentRunProperty());
        RunController target = runControllerFactory != null ? runControllerFactory.apply(vm) : new OrchestratorRunController(session);
        controller.setTarget(target);
        Scene scene = createScene(vm);
        WorkbenchView view = (WorkbenchView) scene.getUserData();
        dev.rankadaptor.ui.backend.RecentFilesModel recent = new dev.rankadaptor.ui.backend.RecentFilesModel(executor,
                new dev.rankadaptor.ui.backend.RecentFiles(dev.rankadaptor.ui.backend.RecentFiles.defaultFile()));
        recent.attach(vm.checkpoint());
        session.setRecent(recent);
        recent.load();
        ProjectBar bar = new ProjectBar(session);
        view.setTop(bar);
        installTheme(scene, bar, new dev.rankadaptor.ui.backend.WorkbenchSettings(dev.rankadaptor.ui.backend.WorkbenchSettings.defaultFile()));
        return new Wired(vm, session, view, scene, target);
    }

    /**
     * Applies the saved theme (light unless the settings say dark) and adds the theme switch to the
     * project bar; the choice is saved at once so the next start opens the same way.
     */
    static void installTheme(Scene scene, ProjectBar bar, dev.rankadaptor.ui.backend.WorkbenchSettings settings) {
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
                : WorkbenchHome.demoProject();
        file.ifPresent(wired.session()::load);
        wired.view().show(WorkbenchView.CHECKPOINT);
        dev.rankadaptor.ui.backend.WorkbenchSettings viewSettings =
                new dev.rankadaptor.ui.backend.WorkbenchSettings(dev.rankadaptor.ui.backend.WorkbenchSettings.defaultFile());
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

    /** Lets the controller be created after the view model it reports to. */
    static final class DeferredRunController implements RunController {
        private RunController target;

        void setTarget(RunController t) {
            this.target = t;
        }

        @Override
        public void start(boolean resume) {
            target.start(resume);
        }

        @Override
        public void pause() {
            target.pause();
        }

        @Override
        public void resume() {
            target.resume();
        }

        @Override
        public void stop() {
            target.stop();
        }

        @Override
        public void cancel() {
            target.cancel();
        }
    }

    /** Used while no search back end is installed: every action ends at once with a clear message. */
    static final class NoRunnerController implements RunController {
        private final WorkbenchViewModel vm;

        NoRunnerController(WorkbenchViewModel vm) {
            this.vm = vm;
        }

        private void refuse() {
            vm.run().onLog("no search runner is installed in this build");
            vm.run().onFailed("no search runner installed");
        }

        @Override
        public void start(boolean resume) {
            refuse();
        }

        @Override
        public void pause() {
            refuse();
        }

        @Override
        public void resume() {
            refuse();
        }

        @Override
        public void stop() {
            refuse();
        }

        @Override
        public void cancel() {
            refuse();
        }
    }
}

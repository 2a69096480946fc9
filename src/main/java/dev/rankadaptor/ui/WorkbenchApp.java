package dev.rankadaptor.ui;

import dev.rankadaptor.reference.PaperReference;
import dev.rankadaptor.ui.exec.FxUiExecutor;
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
 * which it shuts down on exit. The run controller is installed by {@link #setRunControllerFactory}
 * once the search back end is wired; until then, run actions report that no runner is configured.
 */
public class WorkbenchApp extends Application {
    /** Default window size; fits Monocle's default 1280x800 headless screen used by tests and screenshots. */
    public static final double WIDTH = 1280;
    public static final double HEIGHT = 800;
    private static volatile java.util.function.Function<WorkbenchViewModel, RunController> runControllerFactory;
    private static volatile CheckpointInspector checkpointInspector;
    private static volatile PruningPlanner pruningPlanner;

    private UiExecutor executor;

    /** Lets the launcher (or a test) install the back end before {@code launch}. */
    public static void setRunControllerFactory(java.util.function.Function<WorkbenchViewModel, RunController> factory) {
        runControllerFactory = factory;
    }

    /** Installs the checkpoint reader and pruning planner seams before {@code launch}. */
    public static void setBackEnd(CheckpointInspector inspector, PruningPlanner planner) {
        checkpointInspector = inspector;
        pruningPlanner = planner;
    }

    /** Builds a workbench scene (also used by tests and the screenshot tour). */
    public static Scene createScene(WorkbenchViewModel vm) {
        WorkbenchView view = new WorkbenchView(vm);
        Scene scene = new Scene(view, WIDTH, HEIGHT);
        scene.setUserData(view);
        return scene;
    }

    /** A view model with the bundled paper reference and the given run controller. */
    public static WorkbenchViewModel createViewModel(UiExecutor executor, RunController controller) {
        return new WorkbenchViewModel(executor, PaperReference.bundled(), controller);
    }

    @Override
    public void start(Stage stage) {
        executor = new FxUiExecutor(2);
        DeferredRunController controller = new DeferredRunController();
        WorkbenchViewModel vm = new WorkbenchViewModel(executor,
                new WorkbenchServices(PaperReference.bundled(), controller, checkpointInspector, pruningPlanner));
        controller.setTarget(runControllerFactory != null ? runControllerFactory.apply(vm) : new NoRunnerController(vm));
        Scene scene = createScene(vm);
        ((WorkbenchView) scene.getUserData()).show(WorkbenchView.RESULTS);
        stage.setTitle("RankAdaptor Workbench");
        stage.setScene(scene);
        stage.show();
    }

    @Override
    public void stop() {
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

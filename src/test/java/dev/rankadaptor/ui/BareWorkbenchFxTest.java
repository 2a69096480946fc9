package dev.rankadaptor.ui;

import dev.rankadaptor.ui.exec.FxUiExecutor;
import dev.rankadaptor.ui.run.RunController;
import dev.rankadaptor.ui.workbench.WorkbenchView;
import dev.rankadaptor.ui.workbench.WorkbenchViewModel;
import javafx.scene.Scene;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.junit.jupiter.api.BeforeEach;
import org.testfx.api.FxToolkit;

/**
 * Base of the robot tests over the workbench's views alone: the view models with the bundled paper
 * reference and an inert run controller, no back end; data is put into the view models by the test.
 */
@ExtendWith(ApplicationExtension.class)
abstract class BareWorkbenchFxTest {
    protected FxUiExecutor executor;
    protected WorkbenchViewModel vm;
    protected WorkbenchView view;
    protected Scene scene;

    // TestFX looks for @Start only in the test class itself, so the base sets the stage up here,
    // after TestFX has registered it (extension callbacks run before @BeforeEach methods)
    @BeforeEach
    void startWorkbench() throws java.util.concurrent.TimeoutException {
        FxToolkit.setupStage(stage -> {
            executor = new FxUiExecutor(1);
            vm = WorkbenchApp.createViewModel(executor, RunController.inert());
            scene = WorkbenchApp.createScene(vm);
            view = (WorkbenchView) scene.getUserData();
            stage.setScene(scene);
            stage.show();
        });
    }

    @AfterEach
    void closeWorkbench() {
        executor.close();
    }
}

package dev.rankadaptor.ui;

import dev.rankadaptor.ui.exec.FxUiExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.junit.jupiter.api.BeforeEach;
import org.testfx.api.FxToolkit;

/**
 * Base of the robot tests over the fully wired workbench (real checkpoint reader, planner,
 * project session and run orchestrator) in the test's stage; after each test any run is
 * cancelled and the executor stopped.
 */
@ExtendWith(ApplicationExtension.class)
abstract class WiredWorkbenchFxTest {
    protected FxUiExecutor executor;
    protected WorkbenchApp.Wired wb;

    // TestFX looks for @Start only in the test class itself, so the base sets the stage up here,
    // after TestFX has registered it (extension callbacks run before @BeforeEach methods)
    @BeforeEach
    void startWorkbench() throws java.util.concurrent.TimeoutException {
        FxToolkit.setupStage(stage -> {
            executor = new FxUiExecutor(2);
            wb = WorkbenchApp.wire(executor);
            stage.setScene(wb.scene());
            stage.show();
        });
    }

    @AfterEach
    void closeWorkbench() {
        wb.controller().cancel();
        executor.close();
    }
}

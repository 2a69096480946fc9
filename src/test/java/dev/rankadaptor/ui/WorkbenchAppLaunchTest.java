package dev.rankadaptor.ui;

import javafx.application.Application;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.api.FxRobot;

import static org.junit.jupiter.api.Assertions.*;

/** The real Application class starts headless and opens on the paper's results with no back end installed. */
class WorkbenchAppLaunchTest {
    private Application app;

    @AfterEach
    void tearDown() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        FxToolkit.cleanupStages();
    }

    @Test
    void applicationOpensOnTheResultsPanelAndRunFailsClearlyWithoutARunner() throws Exception {
        FxToolkit.registerPrimaryStage();
        app = FxToolkit.setupApplication(WorkbenchApp.class);
        FxRobot robot = new FxRobot();
        Stage stage = (Stage) Window.getWindows().stream().filter(Window::isShowing).findFirst().orElseThrow();
        assertEquals("RankAdaptor Workbench", stage.getTitle());
        assertEquals(3, robot.lookup("#results-table").queryAs(TableView.class).getItems().size());
        robot.clickOn("Run");
        robot.clickOn("#run-start");
        assertTrue(robot.lookup("#run-state").queryLabeled().getText().startsWith("FAILED"), robot.lookup("#run-state").queryLabeled().getText());
        assertFalse(robot.lookup("#run-start").query().isDisabled(), "can try again after the failure");
    }
}

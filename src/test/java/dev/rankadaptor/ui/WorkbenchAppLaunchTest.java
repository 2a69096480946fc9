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

/**
 * The real Application class starts headless over the real back end. With an installation folder
 * that has no demo project, nothing is opened: the paper's results are shown and Start says
 * clearly that no project is open (and never writes a run anywhere).
 */
class WorkbenchAppLaunchTest {
    private Application app;

    @AfterEach
    void tearDown() throws Exception {
        System.clearProperty(dev.rankadaptor.pipeline.DemoProject.HOME_PROPERTY);
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        FxToolkit.cleanupStages();
    }

    @Test
    void applicationStartsWithoutADemoAndRunFailsClearlyWithoutAProject(@org.junit.jupiter.api.io.TempDir java.nio.file.Path emptyHome) throws Exception {
        System.setProperty(dev.rankadaptor.pipeline.DemoProject.HOME_PROPERTY, emptyHome.toString());
        FxToolkit.registerPrimaryStage();
        app = FxToolkit.setupApplication(WorkbenchApp.class);
        FxRobot robot = new FxRobot();
        Stage stage = (Stage) Window.getWindows().stream().filter(Window::isShowing).findFirst().orElseThrow();
        assertEquals("RankAdaptor Workbench", stage.getTitle());
        assertTrue(robot.lookup("#trials-table").tryQuery().isEmpty(), "the hidden trials table is not in the scene");
        robot.clickOn("Trials");
        assertTrue(robot.lookup("#trials-table").tryQuery().isPresent(), "shown once its tab is picked");
        assertTrue(robot.lookup("#results-table").tryQuery().isEmpty(), "the hidden results table is not in the scene");
        robot.clickOn("Results");
        assertEquals(3, robot.lookup("#results-table").queryAs(TableView.class).getItems().size());
        robot.clickOn("Run");
        robot.clickOn("#run-start");
        String state = robot.lookup("#run-state").queryLabeled().getText();
        assertTrue(state.startsWith("FAILED") && state.contains("no project is open"), state);
        assertFalse(robot.lookup("#run-start").query().isDisabled(), "can try again after the failure");
    }
}

package dev.rankadaptor.ui;

import dev.rankadaptor.ui.workbench.WorkbenchTheme;
import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.rankadaptor.experiment.WorkbenchSettings;
import javafx.application.Application;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The theme switch: dark and light really restyle the window, and the choice survives a restart. */
class ThemeFxTest extends WiredWorkbenchFxTest {
    private final FxRobot robot = new FxRobot();

    @BeforeEach
    @AfterEach
    void lightAgain() throws Exception {
        Files.deleteIfExists(WorkbenchSettings.defaultFile());
    }

    private static double luminance(Color c) {
        return 0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue();
    }

    @Test
    void theDarkSwitchRestylesTheWindowAndIsRememberedAtTheNextStart() throws Exception {
        assertEquals(new PrimerLight().getUserAgentStylesheet(), Application.getUserAgentStylesheet());
        assertTrue(wb.scene().getStylesheets().stream().anyMatch(s -> s.endsWith("styles/workbench.css")), wb.scene().getStylesheets().toString());
        Label anyLabel = robot.lookup(".label").queryAllAs(Label.class).stream().filter(l -> l.getText() != null && !l.getText().isBlank())
                .findFirst().orElseThrow();
        double lightText = luminance((Color) anyLabel.getTextFill());

        robot.clickOn("#theme-dark");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(new PrimerDark().getUserAgentStylesheet(), Application.getUserAgentStylesheet());
        double darkText = luminance((Color) anyLabel.getTextFill());
        assertTrue(darkText > lightText + 0.4, "dark theme text is light: " + lightText + " -> " + darkText);
        assertTrue(Files.readString(WorkbenchSettings.defaultFile()).contains("\"dark\""), "saved");

        // a new window (as after a restart) opens dark, with the switch on
        WorkbenchApp.Wired again = WiredFx.onFx(() -> WorkbenchApp.wire(executor));
        assertEquals(new PrimerDark().getUserAgentStylesheet(), Application.getUserAgentStylesheet());
        ToggleButton toggle = (ToggleButton) again.scene().lookup("#theme-dark");
        assertTrue(toggle.isSelected());

        robot.clickOn("#theme-dark");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(new PrimerLight().getUserAgentStylesheet(), Application.getUserAgentStylesheet());
        assertTrue(Files.readString(WorkbenchSettings.defaultFile()).contains("\"light\""));
    }

    @Test
    void theWindowIconComesInEveryBundledSize() {
        List<javafx.scene.image.Image> icons = WorkbenchTheme.icons();
        assertEquals(WorkbenchTheme.ICON_SIZES.length, icons.size());
        for (int i = 0; i < icons.size(); i++) {
            assertEquals(WorkbenchTheme.ICON_SIZES[i], icons.get(i).getWidth(), 0.0);
            assertFalse(icons.get(i).isError());
        }
    }

    @Test
    void anUnreadableSettingsFileFallsBackToLight() throws Exception {
        Files.createDirectories(WorkbenchSettings.defaultFile().getParent());
        Files.writeString(WorkbenchSettings.defaultFile(), "{ not json");
        WorkbenchSettings s = new WorkbenchSettings(WorkbenchSettings.defaultFile());
        assertTrue(s.reload().contains(WorkbenchSettings.defaultFile().toString()));
        assertEquals(WorkbenchTheme.LIGHT, WorkbenchTheme.fromKey(s.get("theme")));
    }
}

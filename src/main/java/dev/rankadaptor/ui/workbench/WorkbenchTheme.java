package dev.rankadaptor.ui.workbench;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import atlantafx.base.theme.Theme;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;

import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The two looks of the workbench: AtlantaFX's Primer light and dark themes with our stylesheet on
 * top ({@code assets/styles/workbench.css}, copied into the jar by the build). A closed set, so an
 * enum; its lower-case name is what the settings file stores.
 */
public enum WorkbenchTheme {
    LIGHT(new PrimerLight()),
    DARK(new PrimerDark());

    /** Our stylesheet inside the jar (from {@code assets/styles/}). */
    public static final String STYLESHEET = "/dev/rankadaptor/assets/styles/workbench.css";
    /** The icon sizes the window offers the desktop (from {@code assets/icons/}). */
    public static final int[] ICON_SIZES = {16, 32, 48, 64, 128, 256};

    private final Theme theme;

    WorkbenchTheme(Theme theme) {
        this.theme = theme;
    }

    /** The settings-file value. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The theme a settings value names; unknown or missing values give the light theme. */
    public static WorkbenchTheme fromKey(Optional<String> key) {
        for (WorkbenchTheme t : values()) {
            if (key.isPresent() && t.key().equals(key.get())) {
                return t;
            }
        }
        return LIGHT;
    }

    public boolean dark() {
        return theme.isDarkMode();
    }

    /** Makes this the application's look (every window) and puts our stylesheet on {@code scene}. */
    public void apply(Scene scene) {
        Application.setUserAgentStylesheet(theme.getUserAgentStylesheet());
        URL css = WorkbenchTheme.class.getResource(STYLESHEET);
        if (css != null && !scene.getStylesheets().contains(css.toExternalForm())) {
            scene.getStylesheets().add(css.toExternalForm());
        }
        if (scene.getRoot() != null) {
            scene.getRoot().getStyleClass().removeAll("ra-light", "ra-dark");
            scene.getRoot().getStyleClass().add(dark() ? "ra-dark" : "ra-light");
        }
    }

    /** The application icon in every bundled size. */
    public static List<Image> icons() {
        List<Image> images = new ArrayList<>();
        for (int s : ICON_SIZES) {
            try (InputStream in = WorkbenchTheme.class.getResourceAsStream("/dev/rankadaptor/assets/icons/rankadaptor-" + s + ".png")) {
                if (in != null) {
                    images.add(new Image(in));
                }
            } catch (java.io.IOException e) {
                // a missing size only means the desktop scales another one
            }
        }
        return images;
    }

    /** Icon and title for a workbench window. */
    public static void decorate(Stage stage) {
        stage.getIcons().setAll(icons());
        stage.setTitle("RankAdaptor Workbench");
    }
}

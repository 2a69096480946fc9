package dev.rankadaptor.ui;

import dev.rankadaptor.ui.charts.ScreenshotWriter;
import dev.rankadaptor.ui.workbench.WorkbenchTheme;
import dev.rankadaptor.reference.PaperReference;
import dev.rankadaptor.reference.RankConfigRow;
import dev.rankadaptor.ui.bench.UiScaleBench;
import dev.rankadaptor.ui.charts.HeatmapData;
import dev.rankadaptor.ui.workbench.WorkbenchView;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Takes a screenshot of each panel headless with {@link ScreenshotWriter} and checks each PNG is
 * a real picture (right size, many colours). With -Dscreenshots.dir=docs/screenshots the files go
 * to the docs; otherwise to target/screenshots. Trials and importance are synthetic (labelled so
 * in the file names); results and Table 10 are the paper's published data.
 */
class ScreenshotTourTest extends BareWorkbenchFxTest {

    private void fillSyntheticRun() {
        vm.trials().trials().setAll(UiScaleBench.syntheticTrials(26, 120, 3));
        vm.charts().noiseProperty().set(0.004);
        double[] importance = new double[26];
        for (int i = 0; i < importance.length; i++) {
            importance[i] = Math.abs(Math.sin(i * 0.7)) * 0.01;
        }
        vm.charts().importanceProperty().set(importance);
        vm.charts().baselines().put("LoRA (rank 8)", 0.46);
        vm.charts().baselines().put("random search", 0.47);
        PaperReference ref = PaperReference.bundled();
        List<String> labels = new ArrayList<>();
        List<int[]> rows = new ArrayList<>();
        for (RankConfigRow r : ref.rankConfigs().wellFormedRows()) {
            if (r.ratioPercent() == 20) {
                labels.add("paper " + r.label());
                rows.add(r.ranks().stream().mapToInt(Integer::intValue).toArray());
            }
        }
        labels.add("LoRA uniform 8");
        rows.add(new int[32]);
        java.util.Arrays.fill(rows.get(rows.size() - 1), 8);
        vm.charts().configurationsProperty().set(HeatmapData.rowsByLayers(labels, rows, 32));
        vm.trials().setSelectedTrial(60);
    }

    @Test
    void screenshotsOfEveryPanelAreRealPictures(FxRobot robot) throws Exception {
        Path dir = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
        Files.createDirectories(dir);
        robot.interact(this::fillSyntheticRun);
        String[][] shots = {
                {WorkbenchView.RESULTS, "results-paper-reference.png"},
                {WorkbenchView.CHARTS, "charts-synthetic-trials.png"},
                {WorkbenchView.TRIALS, "trials-synthetic.png"},
                {WorkbenchView.RUN, "run-idle.png"},
                {WorkbenchView.RECOVERY, "recovery-search-defaults.png"},
        };
        for (String[] shot : shots) {
            robot.interact(() -> view.show(shot[0]));
            Screenshots.shootWindow(robot, scene, dir.resolve(shot[1]), 300);
        }
        // the dark variant of the busiest panels
        try {
            robot.interact(() -> WorkbenchTheme.DARK.apply(scene));
            for (String[] shot : new String[][]{{WorkbenchView.CHARTS, "charts-synthetic-trials-dark.png"},
                    {WorkbenchView.RESULTS, "results-paper-reference-dark.png"}}) {
                robot.interact(() -> view.show(shot[0]));
                Screenshots.shootWindow(robot, scene, dir.resolve(shot[1]), 300);
            }
            java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(dir.resolve("charts-synthetic-trials-dark.png").toFile());
            java.awt.Color corner = new java.awt.Color(img.getRGB(img.getWidth() - 5, img.getHeight() - 5));
            assertTrue(corner.getRed() + corner.getGreen() + corner.getBlue() < 3 * 90, "dark background: " + corner);
        } finally {
            robot.interact(() -> WorkbenchTheme.LIGHT.apply(scene));
        }
    }

}

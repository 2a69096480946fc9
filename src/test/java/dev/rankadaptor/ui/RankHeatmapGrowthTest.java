package dev.rankadaptor.ui;

import dev.rankadaptor.ui.charts.HeatmapData;
import dev.rankadaptor.ui.charts.RankHeatmap;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** A layers x trials heatmap that grows trial by trial must span all trials, not its first size. */
@ExtendWith(ApplicationExtension.class)
class RankHeatmapGrowthTest {
    private RankHeatmap heatmap;

    @Start
    void start(Stage stage) {
        heatmap = new RankHeatmap("ranks", "trial", "layer");
        stage.setScene(new Scene(heatmap, 400, 300));
        stage.show();
    }

    @Test
    void limitsFollowTheGrowingNumberOfTrials(FxRobot robot) {
        List<int[]> trials = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            trials.add(new int[]{2 + t % 3, 4, 6, 8});
            HeatmapData d = HeatmapData.layersByTrials(new ArrayList<>(trials), 4);
            robot.interact(() -> heatmap.setData(d));
        }
        WaitForAsyncUtils.waitForFxEvents();
        // 8 cells painted evenly over the grid's limits, each centred on its trial's tick
        assertArrayEquals(new double[]{-0.5, 7.5}, heatmap.xLimits(), 1e-9);
    }
}

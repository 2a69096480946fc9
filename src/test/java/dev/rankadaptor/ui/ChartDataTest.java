package dev.rankadaptor.ui;

import dev.rankadaptor.ui.charts.ChartData;
import dev.rankadaptor.ui.charts.ImportanceChart;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A chart entering a scene read-locks its data on the FX thread until the next pulse; an update in
 * that window used to wait on its own thread's lock (a frozen window: seen in WorkbenchFxTest and
 * the UI bench). Updates now park and land at the next pulse, newest first.
 */
@ExtendWith(ApplicationExtension.class)
class ChartDataTest {
    private StackPane root;

    @Start
    void start(Stage stage) {
        root = new StackPane();
        stage.setScene(new Scene(root, 400, 300));
        stage.show();
    }

    @Test
    void anUpdateWhileTheChartHoldsItsReadLocksLandsAtTheNextPulse() throws Exception {
        ImportanceChart chart = WaitForAsyncUtils.asyncFx(() -> {
            ImportanceChart c = new ImportanceChart();
            c.setImportance(new double[] {1, 2, 3}); // no scene yet: written at once
            return c;
        }).get(10, TimeUnit.SECONDS);
        assertEquals(3, chart.barCount());
        int parkedDuringAttach = WaitForAsyncUtils.asyncFx(() -> {
            root.getChildren().add(chart); // ChartFX read-locks the data set now, unlocks in the next pulse
            chart.setImportance(new double[] {1, 2, 3, 4}); // a plain write lock here never returned
            chart.setImportance(new double[] {1, 2, 3, 4, 5}); // replaces the parked update
            return ChartData.parked();
        }).get(10, TimeUnit.SECONDS);
        assertEquals(1, parkedDuringAttach, "one parked update per data set, the newest");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(chart::barCount).get() == 5);
        assertEquals(0, WaitForAsyncUtils.asyncFx(ChartData::parked).get().intValue());
        // with no lock held, an update is immediate
        int now = WaitForAsyncUtils.asyncFx(() -> {
            chart.setImportance(new double[] {1, 2});
            return chart.barCount();
        }).get(10, TimeUnit.SECONDS);
        assertEquals(2, now);
    }
}

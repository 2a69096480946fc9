package dev.rankadaptor.ui;

import dev.rankadaptor.ui.bench.UiScaleBench;
import dev.rankadaptor.ui.charts.ChartPngExport;
import dev.rankadaptor.ui.charts.HeatmapData;
import dev.rankadaptor.ui.charts.PredictedVsActualChart;
import dev.rankadaptor.ui.charts.RankHeatmap;
import dev.rankadaptor.ui.exec.FxUiExecutor;
import dev.rankadaptor.ui.run.RunController;
import dev.rankadaptor.ui.workbench.WorkbenchView;
import dev.rankadaptor.ui.workbench.WorkbenchViewModel;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Charts saved as PNG, headless: a heatmap and a scatter with known data are written at screen
 * size and at 2x, read back and checked to be pictures of the node's size; an unwritable target
 * fails with a message naming the file; the Charts panel writes all its charts under stable names.
 */
@ExtendWith(ApplicationExtension.class)
class ChartPngExportTest {
    private FxUiExecutor executor;
    private RankHeatmap heatmap;
    private PredictedVsActualChart scatter;
    private ChartPngExport png;

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        executor = new FxUiExecutor(1);
        png = new ChartPngExport(executor);
        heatmap = new RankHeatmap("ranks", "trial", "layer");
        scatter = new PredictedVsActualChart();
        heatmap.setPrefSize(420, 300);
        scatter.setPrefSize(380, 300);
        png.install(heatmap, "trial-heatmap");
        List<int[]> trials = new ArrayList<>();
        for (int t = 0; t < 12; t++) {
            int[] r = new int[6];
            for (int l = 0; l < r.length; l++) {
                r[l] = 2 + (t * 3 + l * 5) % 14;
            }
            trials.add(r);
        }
        heatmap.setData(HeatmapData.layersByTrials(trials, 6));
        scatter.setPoints(new double[] {0.40, 0.45, 0.50, 0.55}, new double[] {0.41, 0.44, 0.52, 0.54}, 0.01);
        stage.setScene(new Scene(new HBox(heatmap, scatter), 800, 300));
        stage.show();
    }

    @AfterEach
    void close() {
        executor.close();
    }


    private void assertPictureOf(Node node, Path file, double scale) throws Exception {
        BufferedImage img = ImageIO.read(file.toFile());
        assertNotNull(img, file + " is not a readable PNG");
        assertEquals(Math.ceil(node.getLayoutBounds().getWidth() * scale), img.getWidth(), 1.0, file.toString());
        assertEquals(Math.ceil(node.getLayoutBounds().getHeight() * scale), img.getHeight(), 1.0, file.toString());
        assertTrue(Screenshots.distinctColours(img, 2) > 10, file + " looks blank (" + Screenshots.distinctColours(img, 2) + " colours)");
    }

    @Test
    void heatmapAndScatterAreWrittenAtNodeSizeAndTwiceThat(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        robot.sleep(200);
        Path heat = dir.resolve("trial-heatmap.png");
        assertEquals(heat, png.export(heatmap, heat, 1).get(30, TimeUnit.SECONDS));
        assertPictureOf(heatmap, heat, 1);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("wrote " + heat, png.statusProperty().get());

        Path scat = dir.resolve("print").resolve("scatter@2x.png");
        png.export(scatter, scat, ChartPngExport.PRINT_SCALE).get(30, TimeUnit.SECONDS);
        assertPictureOf(scatter, scat, 2);
        try (var left = Files.list(scat.getParent())) {
            assertEquals(1, left.count(), "only the PNG, no temporary file");
        }
    }

    @Test
    void unwritableTargetFailsNamingTheFile(FxRobot robot) throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("plain-file"), "x");
        Path target = notAFolder.resolve("chart.png");
        ExecutionException e = assertThrows(ExecutionException.class, () -> png.export(heatmap, target, 1).get(30, TimeUnit.SECONDS));
        WaitForAsyncUtils.waitForFxEvents();
        String status = png.statusProperty().get();
        assertTrue(status.startsWith("export failed: ") && status.contains(target.toString()), status);
        assertNotNull(e.getCause());
    }

    @Test
    void chartsHaveASaveAsPngMenu(FxRobot robot) {
        ContextMenu menu = ChartPngExport.menuOf(heatmap);
        assertNotNull(menu);
        List<String> items = menu.getItems().stream().map(MenuItem::getText).toList();
        assertEquals(List.of("Save as PNG…", "Save as PNG (2×, print)…"), items);
        robot.interact(() -> {
            javafx.geometry.Point2D p = heatmap.localToScreen(50, 50);
            javafx.event.Event.fireEvent(heatmap, new javafx.scene.input.ContextMenuEvent(
                    javafx.scene.input.ContextMenuEvent.CONTEXT_MENU_REQUESTED, 50, 50, p.getX(), p.getY(), false, null));
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(menu.isShowing(), "right-click opens the menu");
        robot.interact(menu::hide);
        assertNull(ChartPngExport.menuOf(scatter));
        assertEquals("trial-heatmap.png", ChartPngExport.fileName("trial-heatmap"));
        assertThrows(IllegalArgumentException.class, () -> ChartPngExport.fileName("../x"));
    }

    @Test
    void chartsPanelExportsEveryChartUnderStableNames(FxRobot robot) throws Exception {
        FxUiExecutor ex = new FxUiExecutor(1);
        try {
            WorkbenchView[] view = new WorkbenchView[1];
            robot.interact(() -> {
                WorkbenchViewModel vm = WorkbenchApp.createViewModel(ex, RunController.inert());
                Scene scene = WorkbenchApp.createScene(vm);
                view[0] = (WorkbenchView) scene.getUserData();
                view[0].show(WorkbenchView.CHARTS);
                vm.trials().trials().setAll(UiScaleBench.syntheticTrials(8, 20, 3));
                vm.charts().importanceProperty().set(new double[] {0.01, 0.03, 0.02, 0.05, 0.01, 0.02, 0.04, 0.03});
                vm.charts().configurationsProperty().set(HeatmapData.rowsByLayers(List.of("a", "b"),
                        List.of(new int[] {2, 4, 8, 16, 8, 4, 2, 8}, new int[] {8, 8, 8, 8, 8, 8, 8, 8}), 8));
                Stage stage = new Stage();
                stage.setScene(scene);
                stage.show();
            });
            WaitForAsyncUtils.waitForFxEvents();
            robot.sleep(200);
            List<String> names = new ArrayList<>(view[0].charts().charts().keySet());
            assertEquals(List.of("trial-heatmap", "predicted-vs-measured", "convergence", "importance", "final-configurations"), names);
            names.forEach(n -> assertNotNull(ChartPngExport.menuOf(view[0].charts().charts().get(n)), n));
            assertNotNull(ChartPngExport.menuOf(view[0].results().table10Heatmap()));
            Path folder = dir.resolve("all");
            List<java.util.concurrent.CompletableFuture<List<Path>>> f = new ArrayList<>();
            robot.interact(() -> f.add(view[0].charts().exportAll(folder)));
            List<Path> files = f.get(0).get(60, TimeUnit.SECONDS);
            assertEquals(5, files.size());
            for (String n : names) {
                Path p = folder.resolve(n + ".png");
                assertTrue(files.contains(p), p.toString());
                assertPictureOf(view[0].charts().charts().get(n), p, 1);
            }
            WaitForAsyncUtils.waitForFxEvents();
            assertEquals("wrote 5 charts to " + folder, view[0].charts().pngExport().statusProperty().get());
        } finally {
            ex.close();
        }
    }
}

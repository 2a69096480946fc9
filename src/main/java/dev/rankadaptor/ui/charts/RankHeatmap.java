package dev.rankadaptor.ui.charts;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.ColorGradientAxis;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.ui.geometry.Side;
import io.fair_acc.chartfx.renderer.ContourType;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.chartfx.renderer.spi.ContourDataSetRenderer;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.chartfx.renderer.spi.utils.ColorGradient;
import io.fair_acc.dataset.spi.DoubleDataSet;
import io.fair_acc.dataset.spi.DoubleGridDataSet;
import javafx.application.Platform;
import javafx.scene.layout.StackPane;
import javafx.util.StringConverter;

import java.util.List;

/**
 * Per-layer LoRA rank heatmap (z = rank), for layers x trials during a search or for configurations
 * x layers (our methods, the paper's Table 10). Fed with plain {@link HeatmapData}; the one grid
 * data set lives as long as the chart and is updated in place under its write lock, so
 * {@link #setData} may be called from a worker thread. A vertical or horizontal marker shows the
 * selected column or row (linked selection with the trials table).
 */
public final class RankHeatmap extends StackPane {
    private final XYChart chart;
    private final DefaultNumericAxis xAxis;
    private final DefaultNumericAxis yAxis;
    private final DoubleGridDataSet grid = new DoubleGridDataSet("ranks", false,
            new double[][] {{0}, {0}}, new double[] {Double.NaN});
    private final DoubleDataSet marker = new DoubleDataSet("selected");
    private final ContourDataSetRenderer heat = new ContourDataSetRenderer();
    private boolean rowMode;
    private volatile HeatmapData data = HeatmapData.layersByTrials(List.of(), 1);

    public RankHeatmap(String title, String xName, String yName) {
        xAxis = ChartStyle.axis(xName);
        yAxis = ChartStyle.axis(yName);
        yAxis.setAutoRanging(true);
        for (DefaultNumericAxis a : new DefaultNumericAxis[] {xAxis, yAxis}) {
            // cells sit at whole numbers: ChartFX's own tick units (2.5, 5, ...) left most rows unlabelled
            a.getAxisLabelFormatter().setTickUnitSupplier(raw -> Math.max(1.0, Math.ceil(raw)));
        }
        chart = ChartStyle.chart(title, xAxis, yAxis);
        heat.setContourType(ContourType.HEATMAP);
        heat.setColorGradient(ColorGradient.VIRIDIS);
        heat.setSmooth(false);
        ColorGradientAxis zAxis = new ColorGradientAxis("rank", ColorGradient.VIRIDIS);
        zAxis.setUnit(null);
        zAxis.setSide(Side.RIGHT);
        heat.getAxes().addAll(xAxis, yAxis, zAxis);
        ErrorDataSetRenderer markerRenderer = new ErrorDataSetRenderer();
        markerRenderer.setPolyLineStyle(LineStyle.NORMAL);
        markerRenderer.setDrawMarker(false);
        markerRenderer.getDatasets().add(marker);
        chart.getRenderers().setAll(heat, markerRenderer);
        chart.setLegendVisible(false);
        getChildren().add(chart);
    }

    /**
     * Replaces the grid's content in place (callable from any thread). ChartFX 11.3's contour cache
     * fails on a grid narrower than 2 cells in either direction (and then leaves the data set's
     * read lock held), so while the data has fewer than 2 columns or rows the one grid data set is
     * detached from its renderer, and re-attached (the same object) when there is enough data.
     */
    public void setData(HeatmapData newData) {
        boolean empty = newData.nx() < 2 || newData.ny() < 2;
        if (!empty) {
            double[][] axes = {HeatmapData.cellSpan(newData.nx()), HeatmapData.cellSpan(newData.ny())};
            double[] z = newData.values();
            ChartData.replace(grid, () -> {
                grid.set(false, axes, z);
                grid.recomputeLimits(); // the renderer maps cells by these limits; stale ones squeeze a grown grid
            });
        }
        this.data = newData;
        Runnable attach = () -> {
            boolean attached = heat.getDatasets().contains(grid);
            if (!empty) {
                fixRange(xAxis, newData.nx());
                fixRange(yAxis, newData.ny());
            }
            if (empty && attached) {
                heat.getDatasets().remove(grid);
            } else if (!empty && !attached) {
                heat.getDatasets().add(grid);
            }
        };
        if (Platform.isFxApplicationThread()) {
            attach.run();
        } else {
            Platform.runLater(attach);
        }
    }

    /** The data currently shown (for tests and exports). */
    public HeatmapData data() {
        return data;
    }

    /** Number of cells in the chart's data set, read under its read lock. */
    public int cellCount() {
        if (data.nx() < 2 || data.ny() < 2) {
            return 0;
        }
        return grid.lock().readLockGuard(() -> grid.getShape(0) * grid.getShape(1));
    }

    /** The data set's x range as the renderer sees it (min, max), read under its read lock. */
    public double[] xLimits() {
        return grid.lock().readLockGuard(() -> new double[]{grid.getAxisDescription(0).getMin(), grid.getAxisDescription(0).getMax()});
    }

    /** Marks column x (a trial) with a vertical line; negative clears it. */
    public void markColumn(int x) {
        int ny = data.ny();
        ChartData.replace(marker, () -> {
            if (x < 0) {
                marker.clearData();
            } else {
                marker.set(new double[] {x, x}, new double[] {-0.5, ny - 0.5});
            }
        });
    }

    /** The grid's range (cells at whole numbers); ticks are whole numbers, one per cell while the labels fit. */
    private static void fixRange(DefaultNumericAxis axis, int n) {
        axis.setAutoRanging(false);
        axis.setMin(-0.5);
        axis.setMax(n - 0.5);
        axis.setTickUnit(Math.max(1, Math.ceil(n / 32.0)));
        axis.setMinorTickCount(0);
        axis.setMaxMajorTickLabelCount(Math.min(n, 32) + 2);
    }

    /**
     * Calls {@code handler} with the (column, row) of a cell the user clicks (a click without a
     * drag, so zooming still works): the heatmap's half of the linked selection.
     */
    public void setOnCellClicked(java.util.function.BiConsumer<Integer, Integer> handler) {
        chart.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() != javafx.scene.input.MouseButton.PRIMARY || !e.isStillSincePress()) {
                return;
            }
            int[] cell = cellAt(e.getSceneX(), e.getSceneY());
            if (cell != null) {
                handler.accept(cell[0], cell[1]);
            }
        });
    }

    /** The (column, row) under a scene point, or null outside the grid. */
    public int[] cellAt(double sceneX, double sceneY) {
        javafx.geometry.Point2D p = chart.getCanvas().sceneToLocal(sceneX, sceneY);
        int x = (int) Math.round(xAxis.getValueForDisplay(p.getX()));
        int y = (int) Math.round(yAxis.getValueForDisplay(p.getY()));
        HeatmapData d = data;
        return x >= 0 && y >= 0 && x < d.nx() && y < d.ny() ? new int[] {x, y} : null;
    }

    /** Scene coordinates of the centre of cell (x, y), for tests and tooltips. */
    public javafx.geometry.Point2D cellCenterOnScreen(int x, int y) {
        return chart.getCanvas().localToScreen(xAxis.getDisplayPosition(x), yAxis.getDisplayPosition(y));
    }

    /** Labels y ticks with the data's row labels (for configuration rows) instead of numbers. */
    public void useRowLabels() {
        yAxis.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                double v = n.doubleValue();
                int i = (int) Math.round(v);
                List<String> labels = data.rowLabels();
                return Math.abs(v - i) < 1e-6 && i >= 0 && i < labels.size() ? labels.get(i) : "";
            }

            @Override
            public Number fromString(String s) {
                return data.rowLabels().indexOf(s);
            }
        });
        rowMode = true;
        yAxis.setOverlapPolicy(io.fair_acc.chartfx.axes.AxisLabelOverlapPolicy.DO_NOTHING);
        yAxis.getTickLabelStyle().setFont(javafx.scene.text.Font.font(9));
        xAxis.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                double v = n.doubleValue();
                return Math.abs(v - Math.round(v)) < 1e-6 ? Long.toString(Math.round(v)) : "";
            }

            @Override
            public Number fromString(String s) {
                return Double.parseDouble(s);
            }
        });
        if (data.nx() > 0 && data.ny() > 0) {
            fixRange(xAxis, data.nx());
            fixRange(yAxis, data.ny());
        }
    }

    public XYChart chart() {
        return chart;
    }
}

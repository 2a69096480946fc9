package dev.rankadaptor.ui.charts;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.dataset.spi.DoubleDataSet;
import javafx.scene.layout.StackPane;

/**
 * Per-layer rank importance from the performance model (how much the predicted score moves with
 * that layer's rank), as bars, so users see which layers the search thinks matter.
 */
public final class ImportanceChart extends StackPane {
    private final XYChart chart;
    private final DoubleDataSet bars = new DoubleDataSet("importance");

    public ImportanceChart() {
        chart = ChartStyle.chart("Per-layer rank importance", ChartStyle.axis("layer"), ChartStyle.axis("importance"));
        ErrorDataSetRenderer r = new ErrorDataSetRenderer();
        r.setPolyLineStyle(LineStyle.NONE);
        r.setDrawBars(true);
        r.setDrawMarker(false);
        r.setDynamicBarWidth(true);
        r.setBarWidthPercentage(70);
        r.getDatasets().add(bars);
        chart.getRenderers().setAll(r);
        chart.setLegendVisible(false);
        getChildren().add(chart);
    }

    /** One value per layer (index = layer). Callable from any thread. */
    public void setImportance(double[] perLayer) {
        double[] xs = HeatmapData.indices(perLayer.length);
        double[] ys = perLayer.clone();
        ChartData.replace(bars, () -> bars.set(xs, ys));
    }

    public int barCount() {
        return bars.lock().readLockGuard(bars::getDataCount);
    }

    public XYChart chart() {
        return chart;
    }
}

package dev.rankadaptor.ui.charts;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.dataset.spi.DoubleDataSet;
import javafx.scene.layout.StackPane;

/**
 * Per-layer widths before and after a pruning plan (MLP channels, or heads), as two step lines,
 * so the protected layers and the uniform local ratio are visible at a glance.
 */
public final class LayerWidthChart extends StackPane {
    private final XYChart chart;
    private final DoubleDataSet before = new DoubleDataSet("before");
    private final DoubleDataSet after = new DoubleDataSet("after (plan)");

    public LayerWidthChart(String title, String yName) {
        chart = ChartStyle.chart(title, ChartStyle.axis("layer"), ChartStyle.axis(yName));
        ErrorDataSetRenderer r = new ErrorDataSetRenderer();
        r.setPolyLineStyle(LineStyle.HISTOGRAM);
        r.setDrawMarker(false);
        r.getDatasets().addAll(before, after);
        chart.getRenderers().setAll(r);
        getChildren().add(chart);
    }

    /** Widths per layer; {@code planned} may be null (no plan yet). Callable from any thread. */
    public void setWidths(double[] current, double[] planned) {
        double[] xs = HeatmapData.indices(current.length);
        double[] cur = current.clone();
        ChartData.replace(before, () -> before.set(xs, cur));
        double[] px = planned == null ? new double[0] : HeatmapData.indices(planned.length);
        double[] pl = planned == null ? new double[0] : planned.clone();
        ChartData.replace(after, () -> after.set(px, pl));
    }

    public int plannedCount() {
        return after.lock().readLockGuard(after::getDataCount);
    }

    public XYChart chart() {
        return chart;
    }
}

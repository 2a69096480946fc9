package dev.rankadaptor.ui.charts;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.dataset.spi.DoubleDataSet;
import javafx.scene.layout.StackPane;

/**
 * Training loss per optimizer step of the running trial, so a user sees recovery training move
 * (or diverge) without waiting for the trial's score.
 */
public final class LossCurveChart extends StackPane {
    private final XYChart chart;
    private final DoubleDataSet curve = new DoubleDataSet("training loss");

    public LossCurveChart() {
        chart = ChartStyle.chart("Loss of the running trial", ChartStyle.axis("step"), ChartStyle.axis("loss"));
        ErrorDataSetRenderer r = new ErrorDataSetRenderer();
        r.setPolyLineStyle(LineStyle.NORMAL);
        r.setDrawMarker(true);
        r.getDatasets().add(curve);
        chart.getRenderers().setAll(r);
        chart.setLegendVisible(false);
        getChildren().add(chart);
    }

    /** Replaces the curve; callable from any thread. */
    public void setCurve(String title, double[] steps, double[] losses) {
        double[] xs = steps.clone();
        double[] ys = losses.clone();
        ChartData.replace(curve, () -> curve.set(xs, ys));
        chart.setTitle(title);
    }

    public int pointCount() {
        return curve.lock().readLockGuard(curve::getDataCount);
    }
}

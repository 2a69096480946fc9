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
    private final javafx.scene.control.CheckBox logAxis = new javafx.scene.control.CheckBox("log loss axis");

    public LossCurveChart() {
        chart = ChartStyle.chart("Loss of the running trial", ChartStyle.axis("step"), ChartStyle.axis("loss"));
        ErrorDataSetRenderer r = new ErrorDataSetRenderer();
        r.setPolyLineStyle(LineStyle.NORMAL);
        r.setDrawMarker(true);
        r.getDatasets().add(curve);
        chart.getRenderers().setAll(r);
        chart.setLegendVisible(false);
        logAxis.setId("loss-log-axis");
        logAxis.selectedProperty().addListener((o, a, on) -> ((io.fair_acc.chartfx.axes.spi.DefaultNumericAxis) chart.getYAxis()).setLogAxis(on));
        getChildren().addAll(chart, logAxis);
        javafx.scene.layout.StackPane.setAlignment(logAxis, javafx.geometry.Pos.TOP_RIGHT);
        javafx.scene.layout.StackPane.setMargin(logAxis, new javafx.geometry.Insets(4, 8, 0, 0));
    }

    /** The "log loss axis" switch (its state is one of the saved view settings). */
    public javafx.beans.property.BooleanProperty logAxisProperty() {
        return logAxis.selectedProperty();
    }

    /** Whether the loss axis is logarithmic now. */
    public boolean isLogAxis() {
        return ((io.fair_acc.chartfx.axes.spi.DefaultNumericAxis) chart.getYAxis()).isLogAxis();
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

package dev.rankadaptor.ui.charts;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.dataset.spi.DoubleDataSet;
import javafx.scene.layout.StackPane;

/**
 * The performance model's honesty check: each measured trial as a point (predicted before the
 * trial, measured after), the y = x line, and a band of +/- the measured run-to-run noise around
 * it. Points inside the band are as good a prediction as the measurement allows. Data sets are
 * long-lived and updated in place under their write locks ({@link #setPoints} from any thread).
 */
public final class PredictedVsActualChart extends StackPane {
    private final XYChart chart;
    private final DoubleDataSet points = new DoubleDataSet("trials");
    private final DoubleDataSet identity = new DoubleDataSet("y = x");
    private final DoubleDataSet bandUpper = new DoubleDataSet("+ noise");
    private final DoubleDataSet bandLower = new DoubleDataSet("- noise");
    private final DoubleDataSet selected = new DoubleDataSet("selected");

    public PredictedVsActualChart() {
        chart = ChartStyle.chart("Predicted vs measured", ChartStyle.axis("predicted score"), ChartStyle.axis("measured score"));
        ErrorDataSetRenderer scatter = new ErrorDataSetRenderer();
        scatter.setPolyLineStyle(LineStyle.NONE);
        scatter.setDrawMarker(true);
        scatter.setAssumeSortedData(false);
        scatter.getDatasets().addAll(points, selected);
        ErrorDataSetRenderer lines = new ErrorDataSetRenderer();
        lines.setPolyLineStyle(LineStyle.NORMAL);
        lines.setDrawMarker(false);
        lines.getDatasets().addAll(identity, bandUpper, bandLower);
        chart.getRenderers().setAll(lines, scatter);
        getChildren().add(chart);
    }

    /**
     * Shows the points and the reference lines.
     *
     * @param predicted predicted score per measured trial
     * @param measured  measured score per trial (same length)
     * @param noise     run-to-run standard deviation of the score (0 or NaN: no band)
     */
    public void setPoints(double[] predicted, double[] measured, double noise) {
        if (predicted.length != measured.length) {
            throw new IllegalArgumentException("predicted and measured lengths differ");
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < predicted.length; i++) {
            lo = Math.min(lo, Math.min(predicted[i], measured[i]));
            hi = Math.max(hi, Math.max(predicted[i], measured[i]));
        }
        double[] ends = predicted.length == 0 ? new double[0] : new double[] {lo, hi};
        double band = Double.isNaN(noise) ? 0 : noise;
        ChartData.replace(points, () -> points.set(predicted.clone(), measured.clone()));
        ChartData.replace(identity, () -> identity.set(ends, ends));
        ChartData.replace(bandUpper, () -> bandUpper.set(ends, shift(ends, band)));
        ChartData.replace(bandLower, () -> bandLower.set(ends, shift(ends, -band)));
    }

    /** Highlights point i (linked selection); negative clears. */
    public void select(int i) {
        ChartData.replace(selected, () -> {
            if (i < 0 || i >= points.getDataCount()) {
                selected.clearData();
            } else {
                selected.set(new double[] {points.get(0, i)}, new double[] {points.get(1, i)});
            }
        });
    }

    /**
     * Calls {@code handler} with the index of the point nearest to a click (within 12 pixels):
     * the scatter's half of the linked selection.
     */
    public void setOnPointClicked(java.util.function.IntConsumer handler) {
        chart.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() != javafx.scene.input.MouseButton.PRIMARY || !e.isStillSincePress()) {
                return;
            }
            javafx.geometry.Point2D p = chart.getCanvas().sceneToLocal(e.getSceneX(), e.getSceneY());
            int best = points.lock().readLockGuard(() -> {
                int found = -1;
                double bestD = 12 * 12;
                for (int i = 0; i < points.getDataCount(); i++) {
                    double dx = chart.getXAxis().getDisplayPosition(points.get(0, i)) - p.getX();
                    double dy = chart.getYAxis().getDisplayPosition(points.get(1, i)) - p.getY();
                    if (dx * dx + dy * dy < bestD) {
                        bestD = dx * dx + dy * dy;
                        found = i;
                    }
                }
                return found;
            });
            if (best >= 0) {
                handler.accept(best);
            }
        });
    }

    /** Number of trial points shown. */
    public int pointCount() {
        return points.lock().readLockGuard(points::getDataCount);
    }

    private static double[] shift(double[] v, double d) {
        double[] out = v.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += d;
        }
        return out;
    }

    public XYChart chart() {
        return chart;
    }
}

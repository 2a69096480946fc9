package dev.rankadaptor.ui.charts;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.dataset.spi.DoubleDataSet;
import javafx.scene.layout.StackPane;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Search convergence: best-so-far measured score per trial (the best, never the last value), the
 * prediction made for each chosen candidate, and each baseline (LoRA, LoRA*, AdaLoRA, random) as a
 * horizontal line. Baseline data sets are created once per name and then updated in place.
 */
public final class ConvergenceChart extends StackPane {
    private final XYChart chart;
    private final DoubleDataSet bestSoFar = new DoubleDataSet("best so far (measured)");
    private final DoubleDataSet predicted = new DoubleDataSet("predicted (chosen candidate)");
    private final ErrorDataSetRenderer baselineRenderer = new ErrorDataSetRenderer();
    private final Map<String, DoubleDataSet> baselines = new LinkedHashMap<>();
    private final ErrorDataSetRenderer series = new ErrorDataSetRenderer();
    private final javafx.scene.control.CheckBox showBest = toggle("best so far", "convergence-show-best");
    private final javafx.scene.control.CheckBox showPredicted = toggle("predicted", "convergence-show-predicted");
    private final javafx.scene.control.CheckBox showBaselines = toggle("baselines", "convergence-show-baselines");

    public ConvergenceChart() {
        chart = ChartStyle.chart("Convergence", ChartStyle.axis("trial"), ChartStyle.axis("score"));
        series.setPolyLineStyle(LineStyle.NORMAL);
        series.setDrawMarker(true);
        series.getDatasets().addAll(bestSoFar, predicted);
        baselineRenderer.setPolyLineStyle(LineStyle.NORMAL);
        baselineRenderer.setDrawMarker(false);
        chart.getRenderers().setAll(series, baselineRenderer);
        javafx.scene.layout.HBox toggles = new javafx.scene.layout.HBox(8, showBest, showPredicted, showBaselines);
        toggles.setPickOnBounds(false);
        toggles.setMaxSize(javafx.scene.layout.Region.USE_PREF_SIZE, javafx.scene.layout.Region.USE_PREF_SIZE);
        getChildren().addAll(chart, toggles);
        javafx.scene.layout.StackPane.setAlignment(toggles, javafx.geometry.Pos.TOP_RIGHT);
        javafx.scene.layout.StackPane.setMargin(toggles, new javafx.geometry.Insets(4, 8, 0, 0));
        for (javafx.scene.control.CheckBox c : List.of(showBest, showPredicted, showBaselines)) {
            c.selectedProperty().addListener((o, a, b) -> applyShown());
        }
    }

    private static javafx.scene.control.CheckBox toggle(String text, String id) {
        javafx.scene.control.CheckBox c = new javafx.scene.control.CheckBox(text);
        c.setId(id);
        c.setSelected(true);
        return c;
    }

    /** Puts the shown series into the chart (FX thread: it changes the renderers' lists, not data). */
    private void applyShown() {
        List<DoubleDataSet> shown = new ArrayList<>();
        if (showBest.isSelected()) {
            shown.add(bestSoFar);
        }
        if (showPredicted.isSelected()) {
            shown.add(predicted);
        }
        series.getDatasets().setAll(shown);
        // the renderers stay in the chart (ChartFX fails on a renderer removed while laid out); their lists change
        baselineRenderer.getDatasets().setAll(showBaselines.isSelected() ? new ArrayList<>(baselines.values()) : List.of());
    }

    /** Shown series: "best so far", "predicted" and the baselines (saved with the view settings). */
    public javafx.beans.property.BooleanProperty showBestProperty() {
        return showBest.selectedProperty();
    }

    public javafx.beans.property.BooleanProperty showPredictedProperty() {
        return showPredicted.selectedProperty();
    }

    public javafx.beans.property.BooleanProperty showBaselinesProperty() {
        return showBaselines.selectedProperty();
    }

    /** Data sets drawn now (for tests). */
    public int shownSeriesCount() {
        return series.getDatasets().size() + baselineRenderer.getDatasets().size();
    }

    /** Best-so-far of {@code measured} (in trial order), computed here so callers pass raw scores. */
    public static double[] bestSoFar(double[] measured) {
        double[] out = new double[measured.length];
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < measured.length; i++) {
            if (!Double.isNaN(measured[i])) {
                best = Math.max(best, measured[i]);
            }
            out[i] = best == Double.NEGATIVE_INFINITY ? Double.NaN : best;
        }
        return out;
    }

    /** Updates the curves; {@code predictions[i]} is NaN for trials that had no prediction (initial random ones). */
    public void setTrials(double[] measured, double[] predictions) {
        double[] xs = HeatmapData.indices(measured.length);
        double[] best = bestSoFar(measured);
        ChartData.replace(bestSoFar, () -> bestSoFar.set(xs, best));
        List<Double> px = new ArrayList<>();
        List<Double> py = new ArrayList<>();
        for (int i = 0; i < predictions.length; i++) {
            if (!Double.isNaN(predictions[i])) {
                px.add((double) i);
                py.add(predictions[i]);
            }
        }
        double[] pxs = px.stream().mapToDouble(Double::doubleValue).toArray();
        double[] pys = py.stream().mapToDouble(Double::doubleValue).toArray();
        ChartData.replace(predicted, () -> predicted.set(pxs, pys));
        double end = Math.max(1, measured.length - 1);
        baselines.values().forEach(ds -> ChartData.replace(ds, () -> {
            if (ds.getDataCount() == 2) {
                double y = ds.get(1, 0);
                ds.set(new double[] {0, end}, new double[] {y, y});
            }
        }));
    }

    /**
     * Sets a baseline's score as a horizontal line. Creates the line's data set the first time a
     * name is seen; call on the FX thread (it may add a data set to the renderer).
     */
    public void setBaseline(String name, double score, int trials) {
        DoubleDataSet ds = baselines.computeIfAbsent(name, n -> {
            DoubleDataSet d = new DoubleDataSet(n);
            if (showBaselines.isSelected()) {
                baselineRenderer.getDatasets().add(d);
            }
            return d;
        });
        double end = Math.max(1, trials - 1);
        ChartData.replace(ds, () -> ds.set(new double[] {0, end}, new double[] {score, score}));
    }

    /**
     * Calls {@code handler} with the trial position (x) nearest to a click on the chart (within 12
     * pixels of a measured or predicted point): the convergence chart's half of the linked selection.
     */
    public void setOnPointClicked(java.util.function.IntConsumer handler) {
        chart.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() != javafx.scene.input.MouseButton.PRIMARY || !e.isStillSincePress()) {
                return;
            }
            var xAxis = chart.getXAxis();
            var yAxis = chart.getYAxis();
            javafx.geometry.Point2D p = chart.getCanvas().sceneToLocal(e.getSceneX(), e.getSceneY());
            for (DoubleDataSet ds : List.of(bestSoFar, predicted)) {
                int hit = ds.lock().readLockGuard(() -> {
                    int found = -1;
                    double d0 = Double.MAX_VALUE;
                    for (int i = 0; i < ds.getDataCount(); i++) {
                        double dx = xAxis.getDisplayPosition(ds.get(0, i)) - p.getX();
                        double dy = yAxis.getDisplayPosition(ds.get(1, i)) - p.getY();
                        double d = Math.hypot(dx, dy);
                        if (d < d0) {
                            d0 = d;
                            found = i;
                        }
                    }
                    return found < 0 ? -1 : d0 < 12 ? (int) Math.round(ds.get(0, found)) : -1;
                });
                if (hit >= 0) {
                    handler.accept(hit);
                    return;
                }
            }
        });
    }

    /** Current best-so-far value at the last trial (NaN when empty). */
    public double lastBest() {
        return bestSoFar.lock().readLockGuard(() -> {
            int n = bestSoFar.getDataCount();
            return n == 0 ? Double.NaN : bestSoFar.get(1, n - 1);
        });
    }

    public XYChart chart() {
        return chart;
    }
}

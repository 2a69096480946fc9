package dev.rankadaptor.ui.drilldown;

import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;

import java.util.Locale;

/**
 * A small canvas plot for the trial detail: bars (rank per layer) or a line (loss per step), with the
 * value range written at the left. Plain canvas, not a ChartFX chart: the pane is in the scene during a
 * live run and must never wait on a chart's data lock; it is redrawn only when its values change.
 */
final class TrialMiniPlot extends Region {
    private final Canvas canvas = new Canvas();
    private final boolean bars;
    private final String empty;
    private double[] values = new double[0];

    TrialMiniPlot(boolean bars, String empty) {
        this.bars = bars;
        this.empty = empty;
        getChildren().add(canvas);
        setMinHeight(70);
        setPrefHeight(90);
        setPrefWidth(320);
    }

    void setValues(double[] v) {
        values = v == null ? new double[0] : v.clone();
        draw();
    }

    int valueCount() {
        return values.length;
    }

    @Override
    protected void layoutChildren() {
        double w = Math.max(1, getWidth());
        double h = Math.max(1, getHeight());
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            draw();
        }
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        Color text = dev.rankadaptor.ui.trials.ParallelCoordinatesView.canvasTextColour(this);
        g.setFill(text);
        g.setTextBaseline(VPos.CENTER);
        if (values.length == 0) {
            g.setTextAlign(TextAlignment.CENTER);
            g.fillText(empty, w / 2, h / 2);
            return;
        }
        double lo = bars ? 0 : Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (!(hi > lo)) {
            hi = lo + 1;
        }
        double left = 40;
        double top = 6;
        double bottom = 14;
        double span = Math.max(1, h - top - bottom);
        double width = Math.max(1, w - left - 4);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(label(hi), left - 4, top + 4);
        g.fillText(label(lo), left - 4, top + span);
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText(bars ? "layer 0 … " + (values.length - 1) : "step 1 … " + values.length, left, h - 6);
        Color ink = Color.web("#1c7ed6");
        if (bars) {
            double bw = width / values.length;
            g.setFill(ink);
            for (int i = 0; i < values.length; i++) {
                double bh = span * (values[i] - lo) / (hi - lo);
                g.fillRect(left + i * bw + 1, top + span - bh, Math.max(1, bw - 2), bh);
            }
        } else {
            g.setStroke(ink);
            g.setLineWidth(1.5);
            g.beginPath();
            boolean pen = false;
            for (int i = 0; i < values.length; i++) {
                if (!Double.isFinite(values[i])) {
                    pen = false;
                    continue;
                }
                double x = left + (values.length == 1 ? width / 2 : width * i / (values.length - 1));
                double y = top + span * (1 - (values[i] - lo) / (hi - lo));
                if (pen) {
                    g.lineTo(x, y);
                } else {
                    g.moveTo(x, y);
                    pen = true;
                }
            }
            g.stroke();
        }
    }

    private String label(double v) {
        return bars ? String.valueOf((long) Math.round(v)) : String.format(Locale.ROOT, "%.3f", v);
    }
}

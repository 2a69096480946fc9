package dev.rankadaptor.ui.trials;

import javafx.collections.ListChangeListener;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;

import java.util.List;
import java.util.Map;

/**
 * Parallel coordinates over the per-layer ranks: one vertical axis per layer, one polyline per trial
 * through its ranks, coloured by the measured score (viridis, low to high; grey while unmeasured).
 * Dragging along an axis brushes a rank interval there ({@link RankBrushes}), which filters the trials
 * table; trials outside every brush are drawn faint. A click on an axis without dragging clears its
 * brush, a double click clears all. Drawn on one canvas, redrawn at most once per pulse (in layout).
 */
public final class ParallelCoordinatesView extends Region {
    static final double LEFT = 44;
    static final double RIGHT = 16;
    static final double TOP = 14;
    static final double BOTTOM = 26;
    private static final double AXIS_GRAB = 10;
    private static final Color[] VIRIDIS = {Color.web("#440154"), Color.web("#3b528b"), Color.web("#21918c"),
            Color.web("#5ec962"), Color.web("#fde725")};

    private final TrialsTableModel model;
    private final Canvas canvas = new Canvas();
    private boolean dirty = true;
    private int dragLayer = -1;
    private double dragStartY;
    private double dragNowY;

    public ParallelCoordinatesView(TrialsTableModel model) {
        this.model = model;
        setId("parallel-coordinates");
        getStyleClass().add("ra-parallel-coordinates");
        getChildren().add(canvas);
        setMinHeight(120);
        setPrefHeight(220);
        model.trials().addListener((ListChangeListener<TrialRow>) c -> invalidate());
        model.brushes().predicateProperty().addListener((o, a, b) -> invalidate());
        model.selectedTrialProperty().addListener((o, a, b) -> invalidate());
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
    }

    private void invalidate() {
        dirty = true;
        requestLayout();
    }

    @Override
    protected void layoutChildren() {
        double w = Math.max(1, getWidth());
        double h = Math.max(1, getHeight());
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            dirty = true;
        }
        if (dirty) {
            dirty = false;
            draw();
        }
    }

    // ---- geometry (public so tests and tools can aim at an axis) ----

    public int layerCount() {
        int n = 0;
        for (TrialRow t : model.trials()) {
            n = Math.max(n, t.layerCount());
        }
        return n;
    }

    int[] rankRange() {
        int lo = Integer.MAX_VALUE;
        int hi = Integer.MIN_VALUE;
        for (TrialRow t : model.trials()) {
            for (int l = 0; l < t.layerCount(); l++) {
                lo = Math.min(lo, t.rank(l));
                hi = Math.max(hi, t.rank(l));
            }
        }
        return lo > hi ? new int[]{0, 1} : lo == hi ? new int[]{lo - 1, hi + 1} : new int[]{lo, hi};
    }

    public double axisX(int layer) {
        int n = layerCount();
        double span = Math.max(1, canvas.getWidth() - LEFT - RIGHT);
        return n <= 1 ? LEFT + span / 2 : LEFT + span * layer / (n - 1);
    }

    public double rankY(double rank) {
        int[] r = rankRange();
        double span = Math.max(1, canvas.getHeight() - TOP - BOTTOM);
        return TOP + span * (1 - (rank - r[0]) / (double) (r[1] - r[0]));
    }

    double yRank(double y) {
        int[] r = rankRange();
        double span = Math.max(1, canvas.getHeight() - TOP - BOTTOM);
        return r[0] + (1 - (y - TOP) / span) * (r[1] - r[0]);
    }

    private int axisAt(double x) {
        int n = layerCount();
        for (int l = 0; l < n; l++) {
            if (Math.abs(axisX(l) - x) <= AXIS_GRAB) {
                return l;
            }
        }
        return -1;
    }

    // ---- brushing ----

    private void pressed(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        if (e.getClickCount() >= 2) {
            model.brushes().clearAll();
            dragLayer = -1;
            return;
        }
        dragLayer = axisAt(e.getX());
        dragStartY = e.getY();
        dragNowY = e.getY();
        if (dragLayer < 0) {
            int hit = trialAt(e.getX(), e.getY());
            if (hit >= 0) {
                model.setSelectedTrial(hit);
            }
        }
    }

    /**
     * The index of the trial whose line passes within a few pixels of (x, y) between two axes (only
     * lines inside the brushes), -1 for none: a click on a line selects that trial everywhere.
     */
    public int trialAt(double x, double y) {
        int n = layerCount();
        if (n < 2 || x < axisX(0) || x > axisX(n - 1)) {
            return -1;
        }
        int l = 0;
        while (l < n - 2 && x > axisX(l + 1)) {
            l++;
        }
        double f = (x - axisX(l)) / Math.max(1e-9, axisX(l + 1) - axisX(l));
        int best = -1;
        double bestDist = 5;
        for (TrialRow t : model.trials()) {
            if (t.layerCount() <= l + 1 || !model.brushes().test(t)) {
                continue;
            }
            double ty = rankY(t.rank(l)) * (1 - f) + rankY(t.rank(l + 1)) * f;
            if (Math.abs(ty - y) < bestDist) {
                bestDist = Math.abs(ty - y);
                best = t.getIndex();
            }
        }
        return best;
    }

    private void dragged(MouseEvent e) {
        if (dragLayer >= 0) {
            dragNowY = e.getY();
            invalidate();
        }
    }

    private void released(MouseEvent e) {
        if (dragLayer < 0) {
            return;
        }
        int layer = dragLayer;
        dragLayer = -1;
        if (Math.abs(e.getY() - dragStartY) < 3) {
            model.brushes().clear(layer);
        } else {
            model.brushes().brush(layer, yRank(Math.max(dragStartY, e.getY())), yRank(Math.min(dragStartY, e.getY())));
        }
        invalidate();
    }

    // ---- drawing ----

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        List<TrialRow> trials = model.trials();
        int n = layerCount();
        Color text = textColor();
        if (n == 0) {
            g.setFill(text);
            g.setTextAlign(TextAlignment.CENTER);
            g.fillText("parallel coordinates: ranks per layer of each trial (no trials yet)", w / 2, h / 2);
            return;
        }
        double[] score = scoreRange(trials);
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int l = 0; l < n; l++) {
            xs[l] = axisX(l);
        }
        g.setLineWidth(1);
        // filtered-out trials first and faint, the passing ones on top in score colour
        for (int pass = 0; pass < 2; pass++) {
            for (TrialRow t : trials) {
                boolean in = model.brushes().test(t);
                if ((pass == 1) != in) {
                    continue;
                }
                int k = t.layerCount();
                for (int l = 0; l < k; l++) {
                    ys[l] = rankY(t.rank(l));
                }
                g.setStroke(in ? scoreColour(t.getMeasured(), score) : Color.gray(0.5, 0.15));
                g.strokePolyline(xs, ys, k);
            }
        }
        TrialRow selected = null;
        for (TrialRow t : trials) {
            if (t.getIndex() == model.getSelectedTrial()) {
                selected = t;
            }
        }
        if (selected != null) {
            for (int l = 0; l < selected.layerCount(); l++) {
                ys[l] = rankY(selected.rank(l));
            }
            g.setStroke(Color.web("#e8590c"));
            g.setLineWidth(2.5);
            g.strokePolyline(xs, ys, selected.layerCount());
            g.setLineWidth(1);
        }
        drawAxes(g, n, text);
    }

    private void drawAxes(GraphicsContext g, int n, Color text) {
        int[] r = rankRange();
        g.setStroke(text.deriveColor(0, 1, 1, 0.6));
        g.setFill(text);
        g.setTextBaseline(VPos.CENTER);
        int labelEvery = Math.max(1, (int) Math.ceil(n / Math.max(1.0, (canvas.getWidth() - LEFT - RIGHT) / 28)));
        for (int l = 0; l < n; l++) {
            double x = axisX(l);
            g.strokeLine(x, TOP, x, canvas.getHeight() - BOTTOM);
            if (l % labelEvery == 0) {
                g.setTextAlign(TextAlignment.CENTER);
                g.fillText(String.valueOf(l), x, canvas.getHeight() - BOTTOM + 10);
            }
        }
        g.setTextAlign(TextAlignment.CENTER);
        g.fillText("layer", LEFT + (canvas.getWidth() - LEFT - RIGHT) / 2, canvas.getHeight() - 6);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(String.valueOf(r[1]), LEFT - 6, rankY(r[1]));
        g.fillText(String.valueOf(r[0]), LEFT - 6, rankY(r[0]));
        g.fillText("rank", LEFT - 6, rankY((r[0] + r[1]) / 2.0));
        g.setFill(Color.web("#1c7ed6", 0.25));
        g.setStroke(Color.web("#1c7ed6"));
        for (Map.Entry<Integer, RankBrushes.Interval> e : model.brushes().intervals().entrySet()) {
            if (e.getKey() < n) {
                brushRect(g, axisX(e.getKey()), rankY(e.getValue().high()), rankY(e.getValue().low()));
            }
        }
        if (dragLayer >= 0) {
            brushRect(g, axisX(dragLayer), Math.min(dragStartY, dragNowY), Math.max(dragStartY, dragNowY));
        }
    }

    private static void brushRect(GraphicsContext g, double x, double y0, double y1) {
        g.fillRect(x - 5, y0, 10, Math.max(1, y1 - y0));
        g.strokeRect(x - 5, y0, 10, Math.max(1, y1 - y0));
    }

    private Color textColor() {
        return canvasTextColour(this);
    }

    /** Text colour for a canvas drawn by {@code node}: follows the theme (WorkbenchTheme marks the root), light on dark. */
    public static Color canvasTextColour(javafx.scene.Node node) {
        javafx.scene.Node root = node.getScene() == null ? null : node.getScene().getRoot();
        return root != null && root.getStyleClass().contains("ra-dark") ? Color.gray(0.85) : Color.gray(0.2);
    }

    static double[] scoreRange(List<TrialRow> trials) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (TrialRow t : trials) {
            if (!Double.isNaN(t.getMeasured())) {
                lo = Math.min(lo, t.getMeasured());
                hi = Math.max(hi, t.getMeasured());
            }
        }
        return lo > hi ? new double[]{0, 1} : new double[]{lo, hi};
    }

    /** Viridis by score rank in [lo, hi]; grey for an unmeasured trial. */
    static Color scoreColour(double measured, double[] range) {
        if (Double.isNaN(measured)) {
            return Color.gray(0.55, 0.6);
        }
        double f = range[1] > range[0] ? (measured - range[0]) / (range[1] - range[0]) : 1;
        f = Math.max(0, Math.min(1, f)) * (VIRIDIS.length - 1);
        int i = (int) Math.min(VIRIDIS.length - 2, Math.floor(f));
        return VIRIDIS[i].interpolate(VIRIDIS[i + 1], f - i).deriveColor(0, 1, 1, 0.75);
    }
}

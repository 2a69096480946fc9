package dev.rankadaptor.ui.charts;

import java.util.Arrays;
import java.util.List;

/**
 * A rank grid as plain numbers, independent of any chart library: {@code nx} columns by {@code ny}
 * rows, z laid out x-fastest ({@code z[y * nx + x]}, the layout ChartFX's grid data sets expect).
 * Built either as layers x trials (one column per trial, in search order) or as rows x layers
 * (one row per method or paper configuration). Cells a short row does not cover are NaN.
 */
public final class HeatmapData {
    private final int nx;
    private final int ny;
    private final double[] z;
    private final List<String> rowLabels;

    private HeatmapData(int nx, int ny, double[] z, List<String> rowLabels) {
        this.nx = nx;
        this.ny = ny;
        this.z = z;
        this.rowLabels = List.copyOf(rowLabels);
    }

    /** One column per trial (x = trial position), one row per layer (y = layer index). */
    public static HeatmapData layersByTrials(List<int[]> rankVectors, int layers) {
        int nx = rankVectors.size();
        double[] z = new double[nx * layers];
        Arrays.fill(z, Double.NaN);
        for (int x = 0; x < nx; x++) {
            int[] r = rankVectors.get(x);
            for (int y = 0; y < Math.min(layers, r.length); y++) {
                z[y * nx + x] = r[y];
            }
        }
        return new HeatmapData(nx, layers, z, layerLabels(layers));
    }

    /** One row per labelled configuration (y = row), one column per layer (x = layer index). */
    public static HeatmapData rowsByLayers(List<String> labels, List<int[]> rankVectors, int layers) {
        if (labels.size() != rankVectors.size()) {
            throw new IllegalArgumentException("labels (" + labels.size() + ") and rows (" + rankVectors.size() + ") differ");
        }
        int ny = rankVectors.size();
        double[] z = new double[layers * ny];
        Arrays.fill(z, Double.NaN);
        for (int y = 0; y < ny; y++) {
            int[] r = rankVectors.get(y);
            for (int x = 0; x < Math.min(layers, r.length); x++) {
                z[y * layers + x] = r[x];
            }
        }
        return new HeatmapData(layers, ny, z, labels);
    }

    private static List<String> layerLabels(int layers) {
        String[] out = new String[layers];
        for (int i = 0; i < layers; i++) {
            out[i] = "layer " + i;
        }
        return List.of(out);
    }

    public int nx() {
        return nx;
    }

    public int ny() {
        return ny;
    }

    /** Value at column x, row y (NaN where the source row was short). */
    public double z(int x, int y) {
        return z[y * nx + x];
    }

    /** A copy of the x-fastest values. */
    public double[] values() {
        return z.clone();
    }

    /** Labels of the y rows (layer names or configuration names). */
    public List<String> rowLabels() {
        return rowLabels;
    }

    /**
     * Grid coordinates for ChartFX's heatmap renderer, which paints n cells evenly between the first
     * and the last coordinate: spreading them from -0.5 to n-0.5 puts cell i at [i-0.5, i+0.5], so
     * it is centred on its whole-number tick (with 0..n-1 a 4-layer grid was drawn as four cells of
     * width 0.75 between ticks 0 and 3). Needs n &gt;= 2.
     */
    static double[] cellSpan(int n) {
        double[] v = new double[n];
        double step = n / (double) (n - 1);
        for (int i = 0; i < n; i++) {
            v[i] = -0.5 + i * step;
        }
        return v;
    }

    /** Grid coordinates 0..n-1 for one axis. */
    static double[] indices(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = i;
        }
        return v;
    }
}

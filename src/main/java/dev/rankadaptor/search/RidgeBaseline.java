package dev.rankadaptor.search;

import java.util.List;

/**
 * The linear baseline of the performance model: ridge regression of the score on the scaled rank vector
 * (same [0, 1] inputs as the MLP), with an unpenalised intercept. The penalty is chosen on the training
 * data alone from {@link #LAMBDAS} by exact leave-one-out error (residual / (1 - leverage)), so the
 * baseline has no knob a user could tune to the held-out fold.
 */
public final class RidgeBaseline {
    static final double[] LAMBDAS = {1e-3, 1e-2, 1e-1, 1, 10, 100};
    private final double[] beta;
    private final double[] xMean;
    private final double yMean;
    private final RankSpace space;
    private final double lambda;

    private RidgeBaseline(RankSpace space, double[] beta, double[] xMean, double yMean, double lambda) {
        this.space = space;
        this.beta = beta;
        this.xMean = xMean;
        this.yMean = yMean;
        this.lambda = lambda;
    }

    public static RidgeBaseline fit(RankSpace space, List<int[]> ranks, double[] scores) {
        int n = scores.length;
        int d = space.layers();
        double[][] x = new double[n][d];
        double[] xMean = new double[d];
        for (int i = 0; i < n; i++) {
            int[] r = ranks.get(i);
            for (int j = 0; j < d; j++) {
                x[i][j] = space.scale(r[j]);
                xMean[j] += x[i][j] / n;
            }
        }
        double yMean = NoiseStats.mean(scores);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = scores[i] - yMean;
            for (int j = 0; j < d; j++) {
                x[i][j] -= xMean[j];
            }
        }
        double[][] xtx = new double[d][d];
        double[] xty = new double[d];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                xty[a] += x[i][a] * y[i];
                for (int b = 0; b < d; b++) {
                    xtx[a][b] += x[i][a] * x[i][b];
                }
            }
        }
        double bestLoo = Double.POSITIVE_INFINITY;
        double[] bestBeta = new double[d];
        double bestLambda = LAMBDAS[0];
        for (double lambda : LAMBDAS) {
            double[][] inv = invert(xtx, lambda);
            double[] beta = times(inv, xty);
            double loo = 0;
            for (int i = 0; i < n; i++) {
                double fit = dot(x[i], beta);
                double h = dot(x[i], times(inv, x[i])) + 1.0 / n;
                double e = (y[i] - fit) / Math.max(1e-9, 1 - h);
                loo += e * e;
            }
            if (loo < bestLoo) {
                bestLoo = loo;
                bestBeta = beta;
                bestLambda = lambda;
            }
        }
        return new RidgeBaseline(space, bestBeta, xMean, yMean, bestLambda);
    }

    public double lambda() {
        return lambda;
    }

    public double predict(int[] ranks) {
        double s = yMean;
        for (int j = 0; j < beta.length; j++) {
            s += beta[j] * (space.scale(ranks[j]) - xMean[j]);
        }
        return s;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double[] times(double[][] m, double[] v) {
        double[] out = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            out[i] = dot(m[i], v);
        }
        return out;
    }

    /** (A + lambda I)^-1 by Gauss-Jordan with partial pivoting (A is symmetric positive semi-definite). */
    private static double[][] invert(double[][] a, double lambda) {
        int d = a.length;
        double[][] m = new double[d][2 * d];
        for (int i = 0; i < d; i++) {
            System.arraycopy(a[i], 0, m[i], 0, d);
            m[i][i] += lambda;
            m[i][d + i] = 1;
        }
        for (int c = 0; c < d; c++) {
            int p = c;
            for (int r = c + 1; r < d; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[p][c])) {
                    p = r;
                }
            }
            double[] t = m[c];
            m[c] = m[p];
            m[p] = t;
            double pivot = m[c][c];
            for (int k = 0; k < 2 * d; k++) {
                m[c][k] /= pivot;
            }
            for (int r = 0; r < d; r++) {
                if (r != c && m[r][c] != 0) {
                    double f = m[r][c];
                    for (int k = 0; k < 2 * d; k++) {
                        m[r][k] -= f * m[c][k];
                    }
                }
            }
        }
        double[][] inv = new double[d][d];
        for (int i = 0; i < d; i++) {
            System.arraycopy(m[i], d, inv[i], 0, d);
        }
        return inv;
    }
}

package dev.rankadaptor.model;

/**
 * A deliberately naive LLaMA forward in plain Java doubles, written from the equations
 * (RMSNorm, rotate-half RoPE, causal softmax attention with grouped KV heads, SwiGLU), to check
 * the DJL implementation against something that shares none of its code.
 */
final class ReferenceLlama {
    final int hidden;
    final int headDim;
    final double eps;
    final double theta;
    double[][] embed;
    double[][] lmHead;
    double[] finalNorm;
    Layer[] layers;

    static final class Layer {
        int heads;
        int kvHeads;
        double[] inNorm;
        double[] postNorm;
        double[][] q, k, v, o, gate, up, down; // [out][in]
    }

    ReferenceLlama(int hidden, int headDim, double eps, double theta) {
        this.hidden = hidden;
        this.headDim = headDim;
        this.eps = eps;
        this.theta = theta;
    }

    double[][] logits(int[] tokens) {
        int t = tokens.length;
        double[][] h = new double[t][];
        for (int i = 0; i < t; i++) {
            h[i] = embed[tokens[i]].clone();
        }
        for (Layer l : layers) {
            double[][] x = new double[t][];
            for (int i = 0; i < t; i++) {
                x[i] = norm(h[i], l.inNorm);
            }
            double[][] q = new double[t][], k = new double[t][], v = new double[t][];
            for (int i = 0; i < t; i++) {
                q[i] = rope(matVec(l.q, x[i]), i, l.heads);
                k[i] = rope(matVec(l.k, x[i]), i, l.kvHeads);
                v[i] = matVec(l.v, x[i]);
            }
            int group = l.heads / l.kvHeads;
            for (int i = 0; i < t; i++) {
                double[] att = new double[l.heads * headDim];
                for (int hd = 0; hd < l.heads; hd++) {
                    int kvh = hd / group;
                    double[] s = new double[i + 1];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j <= i; j++) {
                        double dot = 0;
                        for (int c = 0; c < headDim; c++) {
                            dot += q[i][hd * headDim + c] * k[j][kvh * headDim + c];
                        }
                        s[j] = dot / Math.sqrt(headDim);
                        max = Math.max(max, s[j]);
                    }
                    double z = 0;
                    for (int j = 0; j <= i; j++) {
                        s[j] = Math.exp(s[j] - max);
                        z += s[j];
                    }
                    for (int j = 0; j <= i; j++) {
                        for (int c = 0; c < headDim; c++) {
                            att[hd * headDim + c] += s[j] / z * v[j][kvh * headDim + c];
                        }
                    }
                }
                double[] o = matVec(l.o, att);
                for (int c = 0; c < hidden; c++) {
                    h[i][c] += o[c];
                }
            }
            for (int i = 0; i < t; i++) {
                double[] y = norm(h[i], l.postNorm);
                double[] g = matVec(l.gate, y);
                double[] u = matVec(l.up, y);
                double[] a = new double[g.length];
                for (int c = 0; c < g.length; c++) {
                    a[c] = g[c] / (1 + Math.exp(-g[c])) * u[c];
                }
                double[] d = matVec(l.down, a);
                for (int c = 0; c < hidden; c++) {
                    h[i][c] += d[c];
                }
            }
        }
        double[][] out = new double[t][];
        for (int i = 0; i < t; i++) {
            out[i] = matVec(lmHead, norm(h[i], finalNorm));
        }
        return out;
    }

    private double[] norm(double[] x, double[] w) {
        double ss = 0;
        for (double e : x) {
            ss += e * e;
        }
        double r = 1 / Math.sqrt(ss / x.length + eps);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i] * r * w[i];
        }
        return y;
    }

    /** Rotate-half RoPE per head: pairs (c, c + d/2) rotated by pos * theta^(-2c/d). */
    private double[] rope(double[] x, int pos, int heads) {
        double[] y = x.clone();
        int half = headDim / 2;
        for (int hd = 0; hd < heads; hd++) {
            for (int c = 0; c < half; c++) {
                double ang = pos * Math.pow(theta, -2.0 * c / headDim);
                double a = x[hd * headDim + c];
                double b = x[hd * headDim + c + half];
                y[hd * headDim + c] = a * Math.cos(ang) - b * Math.sin(ang);
                y[hd * headDim + c + half] = b * Math.cos(ang) + a * Math.sin(ang);
            }
        }
        return y;
    }

    static double[] matVec(double[][] w, double[] x) {
        double[] y = new double[w.length];
        for (int r = 0; r < w.length; r++) {
            double s = 0;
            for (int c = 0; c < x.length; c++) {
                s += w[r][c] * x[c];
            }
            y[r] = s;
        }
        return y;
    }
}

package dev.rankadaptor.recover;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import dev.rankadaptor.model.LinearAdapter;
import dev.rankadaptor.model.LlamaModel;

import java.util.List;
import java.util.Random;

/**
 * One AdaLoRA adapter (SVD form): delta(x) = (dropout(x) (A * E)^T) B^T * alpha / (init_r + 1e-5)
 * with A [r, in] and B [out, r] ~ N(0, 0.02) and singular values E [r, 1] starting at 0, so a
 * fresh adapter changes nothing. Rank allocation zeroes entries of E. The constant factor and
 * the identity used by the orthogonality regulariser are long-lived arrays (DJL trap 1, docs/architecture.md).
 */
public final class AdaLoraAdapter implements LinearAdapter, LlamaModel.HasArrays {
    private final NDArray a;
    private final NDArray b;
    private final NDArray e;
    private final NDArray scaling;
    private final NDArray eye;
    private final double scale;
    private final float dropout;
    private final DataType outType;

    private AdaLoraAdapter(NDArray a, NDArray b, NDArray e, double scale, double dropout, DataType outType) {
        this.a = a;
        this.b = b;
        this.e = e;
        this.scale = scale;
        NDManager m = a.getManager();
        this.scaling = m.create((float) scale);
        this.eye = m.eye((int) a.getShape().get(0));
        this.dropout = (float) dropout;
        this.outType = outType;
    }

    public static AdaLoraAdapter create(NDManager m, int in, int out, int r, double scale, double dropout, Random rng,
                                        DataType modelDtype) {
        NDArray a = m.create(gaussian(rng, r * in, 0.02), new Shape(r, in));
        NDArray b = m.create(gaussian(rng, out * r, 0.02), new Shape(out, r));
        NDArray e = m.zeros(new Shape(r, 1));
        return new AdaLoraAdapter(a, b, e, scale, dropout, modelDtype);
    }

    private static float[] gaussian(Random rng, int n, double std) {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = (float) (rng.nextGaussian() * std);
        }
        return f;
    }

    @Override
    public NDArray delta(NDArray x, boolean training) {
        NDArray xf = x.getDataType() == DataType.FLOAT32 ? x : x.toType(DataType.FLOAT32, false);
        if (training && dropout > 0) {
            xf = Dropout.dropout(xf, dropout, true).singletonOrThrow();
        }
        NDArray low = Linear.linear(xf, a.mul(e)).singletonOrThrow();
        NDArray d = Linear.linear(low, b).singletonOrThrow().mul(scaling);
        return outType == DataType.FLOAT32 ? d : d.toType(outType, false);
    }

    /** ||A A^T - I||_F + ||B^T B - I||_F (autograd-safe: array-array ops only). */
    public NDArray orthogonalityPenalty() {
        NDArray da = a.matMul(a.transpose()).sub(eye);
        NDArray db = b.transpose().matMul(b).sub(eye);
        return da.mul(da).sum().sqrt().add(db.mul(db).sum().sqrt());
    }

    @Override
    public List<NDArray> arrays() {
        return List.of(a, b, e, scaling, eye);
    }

    public List<NDArray> trainable() {
        return List.of(a, b, e);
    }

    public NDArray loraA() {
        return a;
    }

    public NDArray loraB() {
        return b;
    }

    public NDArray loraE() {
        return e;
    }

    public int rank() {
        return (int) a.getShape().get(0);
    }

    public int inFeatures() {
        return (int) a.getShape().get(1);
    }

    public int outFeatures() {
        return (int) b.getShape().get(0);
    }

    /** alpha / (init_r + 1e-5). */
    public double scale() {
        return scale;
    }

    /**
     * The same update as plain LoRA with the zero singular values dropped:
     * A' = rows k of (A * E), B' = columns k of B times the scaling, scale 1. Null when every E is 0.
     */
    public LoraModuleWeights loraEquivalent(int layer, dev.rankadaptor.model.Projection p) {
        float[] av = a.toFloatArray();
        float[] bv = b.toFloatArray();
        float[] ev = e.toFloatArray();
        int r = rank();
        int in = inFeatures();
        int out = outFeatures();
        int kept = 0;
        for (float v : ev) {
            kept += v != 0f ? 1 : 0;
        }
        if (kept == 0) {
            return null;
        }
        float[] a2 = new float[kept * in];
        float[] b2 = new float[out * kept];
        int k = 0;
        for (int j = 0; j < r; j++) {
            if (ev[j] == 0f) {
                continue;
            }
            for (int i = 0; i < in; i++) {
                a2[k * in + i] = av[j * in + i] * ev[j];
            }
            for (int o = 0; o < out; o++) {
                b2[o * kept + k] = (float) (bv[o * r + j] * scale);
            }
            k++;
        }
        return new LoraModuleWeights(layer, p, kept, in, out, a2, b2, 1.0);
    }
}

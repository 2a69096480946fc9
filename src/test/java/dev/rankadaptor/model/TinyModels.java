package dev.rankadaptor.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.rankadaptor.checkpoint.LayerLayout;
import dev.rankadaptor.checkpoint.LlamaConfig;

import java.util.List;

/** Tiny random LLaMA configurations shared by model tests: GQA and uneven (pruned-like) layers. */
public final class TinyModels {
    private TinyModels() {
    }

    public static LlamaConfig config(boolean tied) {
        return new LlamaConfig(32, 40, 4, 2, 3, 53, 8, 1e-5, 10000.0, tied, 64, 1, 2, "float32");
    }

    /** Uneven widths: 4 heads/2 kv/MLP 40, 2 heads/1 kv/MLP 24, 4 heads/2 kv/MLP 16. */
    public static LayerLayout unevenLayout() {
        return new LayerLayout(List.of(new LayerLayout.Layer(4, 2, 40), new LayerLayout.Layer(2, 1, 24),
                new LayerLayout.Layer(4, 2, 16)));
    }

    public static LlamaModel random(long seed, DataType dtype) {
        LlamaConfig c = config(false);
        LlamaModel m = LlamaModels.random(c, unevenLayout(), seed, 0.2, Device.cpu(), dtype);
        // give the norms non-trivial weights so a wrong norm formula cannot hide behind ones
        java.util.Random r = new java.util.Random(seed + 1);
        for (var e : m.namedWeights().entrySet()) {
            if (e.getKey().endsWith("norm.weight")) {
                NDArray w = e.getValue();
                float[] v = new float[(int) w.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) (0.5 + r.nextDouble());
                }
                w.set(v);
            }
        }
        return m;
    }

    static double[][] matrix(NDArray a) {
        float[] f = a.toType(DataType.FLOAT32, false).toFloatArray();
        int rows = (int) a.getShape().get(0);
        int cols = (int) a.getShape().get(1);
        double[][] m = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                m[r][c] = f[r * cols + c];
            }
        }
        return m;
    }

    static double[] vector(NDArray a) {
        float[] f = a.toType(DataType.FLOAT32, false).toFloatArray();
        double[] v = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            v[i] = f[i];
        }
        return v;
    }

    static ReferenceLlama reference(LlamaModel m) {
        LlamaConfig c = m.config();
        ReferenceLlama ref = new ReferenceLlama(c.hiddenSize(), c.headDim(), c.rmsNormEps(), c.ropeTheta());
        ref.embed = matrix(m.embedding());
        ref.lmHead = matrix(m.lmHead());
        ref.finalNorm = vector(m.finalNorm());
        ref.layers = new ReferenceLlama.Layer[m.numLayers()];
        for (int i = 0; i < m.numLayers(); i++) {
            LayerWeights w = m.layer(i);
            ReferenceLlama.Layer l = new ReferenceLlama.Layer();
            l.heads = m.layout().layer(i).heads();
            l.kvHeads = m.layout().layer(i).kvHeads();
            l.inNorm = vector(w.inputNorm());
            l.postNorm = vector(w.postNorm());
            l.q = matrix(w.weight(Projection.Q));
            l.k = matrix(w.weight(Projection.K));
            l.v = matrix(w.weight(Projection.V));
            l.o = matrix(w.weight(Projection.O));
            l.gate = matrix(w.weight(Projection.GATE));
            l.up = matrix(w.weight(Projection.UP));
            l.down = matrix(w.weight(Projection.DOWN));
            ref.layers[i] = l;
        }
        return ref;
    }
}

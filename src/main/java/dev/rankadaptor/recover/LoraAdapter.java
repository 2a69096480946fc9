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
 * One LoRA adapter on a frozen projection W [out, in]: delta(x) = scale * (dropout(x) A^T) B^T
 * with lora_A [r, in] and lora_B [out, r] in float32, initialised as PEFT does (A Kaiming-uniform
 * with a = sqrt(5), i.e. U(-1/sqrt(in), 1/sqrt(in)); B zeros, so a fresh adapter changes nothing).
 * The scale lives in a long-lived array owned here (DJL trap 1, docs/architecture.md); dropout is PyTorch's, drawn
 * from the engine generator that recovery seeds, and only in training.
 */
public final class LoraAdapter implements LinearAdapter, LlamaModel.HasArrays {
    private final NDArray a;
    private final NDArray b;
    private final NDArray scaleArray;
    private final double scale;
    private final float dropout;
    private final DataType outType;

    LoraAdapter(NDArray a, NDArray b, double scale, double dropout, DataType outType) {
        this.a = a;
        this.b = b;
        this.scale = scale;
        this.scaleArray = a.getManager().create((float) scale);
        this.dropout = (float) dropout;
        this.outType = outType;
    }

    /** A fresh adapter for a projection of shape [out, in] on the given manager. */
    public static LoraAdapter create(NDManager m, int in, int out, int r, double scale, double dropout, Random rng,
                                     DataType modelDtype) {
        float bound = (float) kaimingUniformBound(in);
        float[] data = new float[r * in];
        for (int i = 0; i < data.length; i++) {
            data[i] = (rng.nextFloat() * 2f - 1f) * bound;
        }
        NDArray a = m.create(data, new Shape(r, in));
        NDArray b = m.zeros(new Shape(out, r));
        return new LoraAdapter(a, b, scale, dropout, modelDtype);
    }

    /**
     * Bound of torch.nn.init.kaiming_uniform_(w, a=sqrt(5)) for fan_in {@code in}:
     * gain = sqrt(2 / (1 + a^2)) = sqrt(1/3), bound = gain * sqrt(3 / fan_in) = 1 / sqrt(fan_in).
     */
    public static double kaimingUniformBound(int fanIn) {
        double gain = Math.sqrt(2.0 / (1.0 + 5.0));
        return gain * Math.sqrt(3.0 / fanIn);
    }

    @Override
    public NDArray delta(NDArray x, boolean training) {
        NDArray xf = x.getDataType() == DataType.FLOAT32 ? x : x.toType(DataType.FLOAT32, false);
        if (training && dropout > 0) {
            xf = Dropout.dropout(xf, dropout, true).singletonOrThrow();
        }
        NDArray low = Linear.linear(xf, a).singletonOrThrow();
        NDArray d = Linear.linear(low, b).singletonOrThrow().mul(scaleArray);
        return outType == DataType.FLOAT32 ? d : d.toType(outType, false);
    }

    @Override
    public List<NDArray> arrays() {
        return List.of(a, b, scaleArray);
    }

    /** The trainable arrays: lora_A, lora_B. */
    public List<NDArray> trainable() {
        return List.of(a, b);
    }

    public NDArray loraA() {
        return a;
    }

    public NDArray loraB() {
        return b;
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

    public double scale() {
        return scale;
    }

    public double dropout() {
        return dropout;
    }

    /** Export form (copies the current values). */
    public LoraModuleWeights weights(int layer, dev.rankadaptor.model.Projection p) {
        return new LoraModuleWeights(layer, p, rank(), inFeatures(), outFeatures(), a.toFloatArray(), b.toFloatArray(), scale);
    }
}

package dev.rankadaptor.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Cos/sin tables of rotary position embeddings in Hugging Face's rotate-half layout
 * (frequencies repeated over both halves of the head dimension). Computed in double in Java so
 * long positions keep their precision, and only for the positions a call needs.
 */
final class RotaryTable {
    private final int headDim;
    private final double[] invFreq;

    RotaryTable(int headDim, double theta) {
        if (headDim % 2 != 0) {
            throw new IllegalArgumentException("head_dim must be even for rotary embeddings, was " + headDim);
        }
        this.headDim = headDim;
        this.invFreq = new double[headDim / 2];
        for (int i = 0; i < headDim / 2; i++) {
            invFreq[i] = 1.0 / Math.pow(theta, (2.0 * i) / headDim);
        }
    }

    /** [cos, sin], each [T, headDim] F32, for positions start .. start+length-1. */
    NDArray[] tables(NDManager manager, int start, int length) {
        float[] cos = new float[length * headDim];
        float[] sin = new float[length * headDim];
        int half = headDim / 2;
        for (int t = 0; t < length; t++) {
            double pos = start + t;
            for (int i = 0; i < half; i++) {
                double a = pos * invFreq[i];
                float c = (float) Math.cos(a);
                float s = (float) Math.sin(a);
                cos[t * headDim + i] = c;
                cos[t * headDim + i + half] = c;
                sin[t * headDim + i] = s;
                sin[t * headDim + i + half] = s;
            }
        }
        Shape shape = new Shape(length, headDim);
        return new NDArray[]{manager.create(cos, shape), manager.create(sin, shape)};
    }
}

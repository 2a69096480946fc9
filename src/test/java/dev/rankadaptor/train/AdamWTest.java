package dev.rankadaptor.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.rankadaptor.compute.DeviceChoice;
import dev.rankadaptor.compute.Engines;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AdamWTest {
    /** Minimises sum((w - c)^2) and compares every step with a scalar Java AdamW. */
    @Test
    void matchesAJavaReferenceAndKeepsArrayCountFlat() {
        double[] c = {1.5, -2.0, 0.25};
        AdamWConfig cfg = new AdamWConfig(0.9, 0.99, 1e-8, 0.01, 0);
        try (NDManager root = Engines.newManager(DeviceChoice.cpu())) {
            NDArray w = root.zeros(new Shape(3));
            w.setRequiresGradient(true);
            NDArray target = root.create(new float[]{1.5f, -2.0f, 0.25f});
            double[] ref = new double[3];
            double[] m = new double[3];
            double[] v = new double[3];
            int arraysBefore = -1;
            try (AdamW opt = new AdamW(List.of(w), cfg, root)) {
                for (int step = 1; step <= 50; step++) {
                    try (NDManager s = root.newSubManager(); GradientCollector gc = Engines.pytorch().newGradientCollector()) {
                        s.tempAttachAll(w, target);
                        NDArray d = w.sub(target);
                        gc.backward(d.mul(d).sum());
                    }
                    double lr = 0.05;
                    opt.update(lr);
                    for (int i = 0; i < 3; i++) {
                        double g = 2 * (ref[i] - c[i]);
                        m[i] = 0.9 * m[i] + 0.1 * g;
                        v[i] = 0.99 * v[i] + 0.01 * g * g;
                        double mh = m[i] / (1 - Math.pow(0.9, step));
                        double vh = v[i] / (1 - Math.pow(0.99, step));
                        ref[i] = ref[i] * (1 - lr * 0.01) - lr * mh / (Math.sqrt(vh) + 1e-8);
                    }
                    float[] got = w.toFloatArray();
                    for (int i = 0; i < 3; i++) {
                        assertEquals(ref[i], got[i], 1e-4, "step " + step + " element " + i);
                    }
                    if (step == 5) {
                        arraysBefore = root.getManagedArrays().size();
                    }
                }
                assertEquals(arraysBefore, root.getManagedArrays().size(), "array count must stay flat");
            }
        }
    }
}

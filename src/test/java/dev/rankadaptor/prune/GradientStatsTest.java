package dev.rankadaptor.prune;

import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.model.LlamaModel;
import dev.rankadaptor.model.Projection;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GradientStatsTest {
    @Test
    void batchedMeanGradientEqualsTheAverageOfPerWindowGradients() {
        try (LlamaModel m = PruneFixtures.model(2, 12)) {
            String name = Projection.UP.weightName(1);
            Map<String, ai.djl.ndarray.NDArray> w = Map.of(name, m.layer(1).weight(Projection.UP));
            CalibrationWindows cal = PruneFixtures.calibration(6);
            try (GradientStats batched = GradientStats.collect(m, w, cal, false, f -> { }, CancellationToken.none());
                 GradientStats perWindow = GradientStats.collect(m, w, cal, true, f -> { }, CancellationToken.none())) {
                float[] a = batched.meanGradient(name).toFloatArray();
                float[] b = perWindow.meanGradient(name).toFloatArray();
                double max = 0;
                double scale = 0;
                for (int i = 0; i < a.length; i++) {
                    max = Math.max(max, Math.abs(a[i] - b[i]));
                    scale = Math.max(scale, Math.abs(b[i]));
                }
                assertTrue(scale > 0, "gradient must not vanish");
                assertTrue(max < 1e-5 * Math.max(1, scale) + 1e-7, "max difference " + max + " at scale " + scale);
            }
        }
    }

    /**
     * The importance of one weight leaves only its result behind (the intermediates are freed at
     * once, the memory bound of the layer-wise path), and equals the formula written out plainly,
     * bit for bit, for every kind.
     */
    @Test
    void elementImportanceFreesItsTemporariesAndKeepsTheBits() {
        try (LlamaModel m = PruneFixtures.model(2, 13)) {
            String name = Projection.GATE.weightName(1);
            ai.djl.ndarray.NDArray w = m.layer(1).weight(Projection.GATE);
            try (GradientStats stats = GradientStats.collect(m, Map.of(name, w), PruneFixtures.calibration(4), true,
                    f -> { }, CancellationToken.none())) {
                for (ImportanceKind kind : ImportanceKind.values()) {
                    int modelArrays = m.manager().getManagedArrays().size();
                    // scratch outside the model's manager, so that its count shows only what leaked
                    try (ai.djl.ndarray.NDManager scratch = dev.rankadaptor.compute.Engines.pytorch().newBaseManager();
                         ai.djl.ndarray.NDManager plain = m.manager().newSubManager()) {
                        float[] got = stats.elementImportance(name, w, kind, scratch).toFloatArray();
                        assertEquals(1, scratch.getManagedArrays().size(), kind + ": only the result stays");
                        assertEquals(modelArrays, m.manager().getManagedArrays().size(), kind + ": nothing leaks");
                        ai.djl.ndarray.NDArray wf = w.duplicate();
                        wf.attach(plain);
                        ai.djl.ndarray.NDArray first = wf.mul(stats.meanGradient(name));
                        ai.djl.ndarray.NDArray second = wf.mul(stats.meanSquare(name)).mul(wf);
                        ai.djl.ndarray.NDArray expected = switch (kind) {
                            case ELEMENT1 -> first.abs();
                            case ELEMENT2 -> second.abs();
                            case MIX -> first.sub(second.mul(plain.create(0.5f))).abs();
                        };
                        assertArrayEquals(expected.toFloatArray(), got, kind.name());
                        assertTrue(got.length > 0 && java.util.Arrays.stream(toDoubles(got)).anyMatch(v -> v != 0));
                    }
                }
            }
        }
    }

    private static double[] toDoubles(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }
}

package dev.rankadaptor.prune;

import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.model.LlamaModel;
import dev.rankadaptor.model.Projection;
import org.junit.jupiter.api.Test;

import java.util.Map;

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
}

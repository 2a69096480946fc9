package dev.rankadaptor.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.rankadaptor.compute.Engines;
import org.junit.jupiter.api.Test;

import static dev.rankadaptor.train.GradientAsserts.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The hand-taken gradient of the output projection and loss in the checkpointed step
 * ({@link CheckpointedStep#headGradient}) equals autograd's gradient of {@link CausalLmLoss#chunkLoss}
 * through the whole head, for any slicing of the vocabulary (one slice, uneven slices, one row per
 * slice), with F32 and F16-stored heads, and with masked tokens.
 */
class HeadGradientTest {
    private static final int T = 9;
    private static final int H = 12;
    private static final int V = 37;

    @Test
    void slicedHandGradientEqualsAutogradThroughTheWholeHead() {
        for (DataType stored : new DataType[]{DataType.FLOAT32, DataType.FLOAT16}) {
            try (NDManager m = Engines.pytorch().newBaseManager(Device.cpu())) {
                Engines.pytorch().setRandomSeed(5);
                NDArray hidden = m.randomNormal(new Shape(T, H));
                NDArray head = m.randomNormal(0, 0.5f, new Shape(V, H), DataType.FLOAT32).toType(stored, false);
                NDArray targets = m.randomInteger(0, V, new Shape(T), DataType.INT64);
                float[] maskValues = {1, 1, 0, 1, 1, 1, 0, 1, 1};
                NDArray mask = m.create(maskValues);
                NDArray count = m.create(20f); // the whole micro-batch's trained tokens, more than this row's
                NDArray scale = m.create(0.25f);

                NDArray x = hidden.duplicate();
                x.setRequiresGradient(true);
                float expectedLoss;
                try (GradientCollector gc = Engines.pytorch().newGradientCollector()) {
                    NDArray logits = x.matMul(head.toType(DataType.FLOAT32, false).transpose());
                    NDArray l = CausalLmLoss.chunkLoss(logits.expandDims(0), targets.expandDims(0), mask.expandDims(0), count);
                    expectedLoss = l.getFloat();
                    gc.backward(l.mul(scale));
                }
                float[] expected = x.getGradient().toFloatArray();

                for (int rows : new int[]{V, 10, 1}) {
                    try (NDManager s = m.newSubManager()) {
                        CheckpointedStep.HeadGradient g = CheckpointedStep.headGradient(hidden, head, targets, mask.div(count),
                                scale, rows, s);
                        assertEquals(expectedLoss, g.loss(), 1e-5 * Math.abs(expectedLoss), stored + " loss, slices of " + rows);
                        assertEquals(new Shape(T, H), g.hidden().getShape());
                        assertClose(expected, g.hidden().toFloatArray(), stored + " slices of " + rows);
                    }
                }
            }
        }
    }
}

package dev.rankadaptor.recover;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import dev.rankadaptor.checkpoint.LlamaConfig;
import dev.rankadaptor.compute.Engines;
import dev.rankadaptor.model.LlamaModel;
import dev.rankadaptor.model.LlamaModels;
import dev.rankadaptor.model.ModelStep;
import dev.rankadaptor.train.CausalLmLoss;
import dev.rankadaptor.train.CheckpointedStep;
import dev.rankadaptor.train.TokenBatch;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static dev.rankadaptor.train.GradientAsserts.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Activation checkpointing per block ({@link CheckpointedStep}) gives the LoRA gradients of the
 * ordinary whole-graph backward, to float tolerance, also with F16 weights computed in F32; and
 * with dropout, the recomputation draws the same masks (repeating a step gives the same gradients).
 */
class CheckpointedGradientTest {
    private static final LlamaConfig CONFIG = new LlamaConfig(32, 40, 4, 2, 3, 61, 8, 1e-5, 10000.0, false, 128, 1, 2,
            "float32");

    @Test
    void checkpointedGradientsEqualTheWholeGraphGradients() {
        for (DataType stored : List.of(DataType.FLOAT32, DataType.FLOAT16)) {
            try (LlamaModel m = LlamaModels.random(CONFIG, CONFIG.nominalLayout(), 3, 0.3, Device.cpu(), stored)) {
                m.computeIn(DataType.FLOAT32);
                try (LoraAttachment lora = attach(m, 0.0)) {
                    TokenBatch tb = batch(5);
                    List<float[]> plain = gradients(m, lora, tb, false);
                    List<float[]> checkpointed = gradients(m, lora, tb, true);
                    for (int i = 0; i < plain.size(); i++) {
                        assertClose(plain.get(i), checkpointed.get(i), stored + " array " + i);
                    }
                }
            }
        }
    }

    /** 5 rows of 128 tokens: the block passes take 4 rows (512 tokens), then 1, forward and recomputation alike. */
    @Test
    void gradientsAreTheSameWhenTheMicroBatchIsSplitIntoBlockPasses() {
        try (LlamaModel m = LlamaModels.random(CONFIG, CONFIG.nominalLayout(), 6, 0.3, Device.cpu(), DataType.FLOAT16)) {
            m.computeIn(DataType.FLOAT32);
            try (LoraAttachment lora = attach(m, 0.0)) {
                TokenBatch tb = batch(7, 5, 129);
                assertTrue(tb.batch() * tb.length() > dev.rankadaptor.model.StagePeak.CHECKPOINT_PASS_TOKENS, "the batch needs more than one pass");
                List<float[]> plain = gradients(m, lora, tb, false);
                List<float[]> checkpointed = gradients(m, lora, tb, true);
                for (int i = 0; i < plain.size(); i++) {
                    assertClose(plain.get(i), checkpointed.get(i), "array " + i);
                }
            }
        }
    }

    @Test
    void dropoutMasksAreRedrawnIdenticallyInTheRecomputation() {
        try (LlamaModel m = LlamaModels.random(CONFIG, CONFIG.nominalLayout(), 4, 0.3, Device.cpu(), DataType.FLOAT32);
             LoraAttachment lora = attach(m, 0.3)) {
            TokenBatch tb = batch(6);
            Engines.pytorch().setRandomSeed(11);
            List<float[]> a = gradients(m, lora, tb, true);
            Engines.pytorch().setRandomSeed(11);
            List<float[]> b = gradients(m, lora, tb, true);
            for (int i = 0; i < a.size(); i++) {
                assertTrue(Arrays.equals(a.get(i), b.get(i)), "array " + i);
            }
        }
    }

    @Test
    void trainingWithCheckpointingFollowsTheSameLossCurve() {
        List<List<Double>> curves = new ArrayList<>();
        for (boolean on : new boolean[]{false, true}) {
            try (LlamaModel m = LlamaModels.random(CONFIG, CONFIG.nominalLayout(), 5, 0.3, Device.cpu(), DataType.FLOAT32);
                 LoraAttachment lora = attach(m, 0.0)) {
                RecoveryConfig rc = new RecoveryConfig(1, 4, 2, 1e-2, 0, dev.rankadaptor.train.LrSchedule.Decay.LINEAR, 64,
                        false, 0, 3, 0, 1).withGradientCheckpointing(on);
                List<TokenBatch.Example> train = new ArrayList<>();
                Random r = new Random(8);
                for (int i = 0; i < 12; i++) {
                    int[] t = new int[9 + i % 4];
                    for (int j = 0; j < t.length; j++) {
                        t[j] = r.nextInt(CONFIG.vocabSize());
                    }
                    train.add(TokenBatch.Example.plain(t));
                }
                curves.add(new dev.rankadaptor.train.TrainingLoop(m, lora.trainableArrays(), rc.trainingSettings(0), null)
                        .run(train, List.of(), dev.rankadaptor.common.CancellationToken.none()).losses());
            }
        }
        assertEquals(3, curves.get(0).size());
        for (int i = 0; i < 3; i++) {
            assertEquals(curves.get(0).get(i), curves.get(1).get(i), 1e-5, "step " + i);
        }
    }

    /** LoRA r 4 everywhere, B made non-zero so that A's gradients are not trivially zero. */
    private static LoraAttachment attach(LlamaModel m, double dropout) {
        int[] ranks = {4, 4, 4};
        LoraAttachment lora = LoraAttachment.attach(m, new LoraConfig(LoraConfig.allTargets(), ranks, AlphaRule.ALPHA_2R,
                8.0, dropout, 9));
        Random r = new Random(2);
        for (NDArray p : lora.trainableArrays()) {
            float[] v = p.toFloatArray();
            for (int i = 0; i < v.length; i++) {
                v[i] += (float) (r.nextGaussian() * 0.1);
            }
            p.set(v);
        }
        return lora;
    }

    private static TokenBatch batch(long seed) {
        return batch(seed, 3, 17);
    }

    private static TokenBatch batch(long seed, int rows, int tokens) {
        Random r = new Random(seed);
        List<TokenBatch.Example> ex = new ArrayList<>();
        for (int b = 0; b < rows; b++) {
            int[] t = new int[tokens];
            for (int i = 0; i < t.length; i++) {
                t[i] = r.nextInt(CONFIG.vocabSize());
            }
            ex.add(TokenBatch.Example.plain(t));
        }
        return TokenBatch.of(ex, 0);
    }

    private static List<float[]> gradients(LlamaModel m, LoraAttachment lora, TokenBatch tb, boolean checkpointed) {
        List<NDArray> params = lora.trainableArrays();
        for (NDArray p : params) {
            p.setRequiresGradient(true);
        }
        try (GradientCollector gc = Engines.pytorch().newGradientCollector()) {
            gc.zeroGradients(); // gradients accumulate across backward calls
        }
        try {
            try (ModelStep s = m.newStep()) {
                NDArray share = s.manager().create(0.5f);
                if (checkpointed) {
                    CheckpointedStep.backward(m, tb, share, null, s.manager(), true);
                } else {
                    try (GradientCollector gc = Engines.pytorch().newGradientCollector()) {
                        NDArray logits = m.forward(tb.inputs(s.manager()), null, true);
                        gc.backward(CausalLmLoss.loss(logits, tb.targets(s.manager()), tb.mask(s.manager())).mul(share));
                    }
                }
            }
            List<float[]> out = new ArrayList<>();
            for (NDArray p : params) {
                out.add(p.getGradient().toFloatArray());
            }
            return out;
        } finally {
            for (NDArray p : params) {
                p.setRequiresGradient(false);
            }
        }
    }

}

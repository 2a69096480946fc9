package dev.rankadaptor.recover;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.common.CancelledException;
import dev.rankadaptor.model.LlamaModel;
import dev.rankadaptor.model.TinyModels;
import dev.rankadaptor.train.TrainingListener;
import dev.rankadaptor.train.TrainingLoop;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecovererTest {
    static final HashedWordTokenizer TOKENIZER = new HashedWordTokenizer(53);

    private static RecoveryResult loraRun(long seed, Map<String, float[]> baseBefore, Map<String, float[]> baseAfter) {
        try (LlamaModel m = TinyModels.random(2, DataType.FLOAT32)) {
            if (baseBefore != null) {
                m.namedWeights().forEach((k, v) -> baseBefore.put(k, v.toFloatArray()));
            }
            LoraConfig lora = new LoraConfig(LoraConfig.allTargets(), new int[]{4, 2, 8}, AlphaRule.ALPHA_2R, 8, 0.05, seed);
            try (Recovery r = Recoverer.recover(m, TOKENIZER, RecoveryFixtures.counting(48), lora,
                    RecoveryFixtures.config(seed, 3), TrainingListener.NONE, CancellationToken.none())) {
                if (baseAfter != null) {
                    m.namedWeights().forEach((k, v) -> baseAfter.put(k, v.toFloatArray()));
                }
                for (NDArray w : m.namedWeights().values()) {
                    assertFalse(w.hasGradient(), "base weights must stay frozen");
                }
                return r.result();
            }
        }
    }

    @Test
    void loraRecoveryLowersLossKeepsBaseFrozenAndRepeats() {
        Map<String, float[]> before = new LinkedHashMap<>();
        Map<String, float[]> after = new LinkedHashMap<>();
        RecoveryResult a = loraRun(7, before, after);
        assertEquals(before.keySet(), after.keySet());
        for (String k : before.keySet()) {
            assertArrayEquals(before.get(k), after.get(k), 0f, k + " changed during recovery");
        }
        assertEquals(15, a.steps());
        assertTrue(a.finalLoss(3) < a.losses().get(0) * 0.7, "training loss should fall: " + a.losses());
        assertTrue(a.validationAfter() < a.validationBefore() * 0.8,
                "validation loss should fall: " + a.validationBefore() + " -> " + a.validationAfter());
        assertArrayEquals(new int[]{4, 2, 8}, a.finalLayerRanks());
        assertTrue(a.trainedTokens() > 0 && a.tokensPerSecond() > 0);
        RecoveryResult b = loraRun(7, null, null);
        assertEquals(a.losses(), b.losses(), "same seed on CPU must give the same loss curve");
        assertEquals(a.validationAfter(), b.validationAfter());
    }

    @Test
    void adaLoraReachesTheTargetBudgetAndLearns() {
        try (LlamaModel m = TinyModels.random(2, DataType.FLOAT32)) {
            AdaLoraConfig ada = new AdaLoraConfig(LoraConfig.allTargets(), 6, 3, 2, 3, 2, 0.85, 0.85, 0.5, 16, 0.0, 5);
            List<Integer> budgets = new ArrayList<>();
            try (Recovery r = Recoverer.recoverAdaLora(m, TOKENIZER, RecoveryFixtures.counting(48), ada,
                    RecoveryFixtures.config(3, 3), TrainingListener.NONE, CancellationToken.none())) {
                AdaLoraAttachment att = (AdaLoraAttachment) r.adapters();
                RecoveryResult res = r.result();
                int modules = 3 * 7;
                assertEquals(3 * modules, att.currentBudget());
                int total = res.finalModuleRanks().values().stream().mapToInt(Integer::intValue).sum();
                assertEquals(3 * modules, total, "final total rank must equal target_r * modules");
                int nonZeroE = 0;
                for (var w : att.loraEquivalent()) {
                    nonZeroE += w.rank();
                }
                assertTrue(nonZeroE <= 3 * modules, "masked singular values must be zero: " + nonZeroE);
                assertEquals(modules * 6L * 1 + sumShapes(m) * 6L, res.trainableParameters());
                assertTrue(res.validationAfter() < res.validationBefore(),
                        res.validationBefore() + " -> " + res.validationAfter());
                for (int rank : res.finalLayerRanks()) {
                    assertTrue(rank >= 0 && rank <= 6);
                }
            }
        }
    }

    @Test
    void everySingularValueGetsItsOwnSensitivityScore() {
        try (LlamaModel m = TinyModels.random(2, DataType.FLOAT32)) {
            var examples = Recoverer.tokenize(m, TOKENIZER, RecoveryFixtures.counting(48), RecoveryFixtures.config(1, 1));
            AdaLoraConfig ada = new AdaLoraConfig(LoraConfig.allTargets(), 6, 3, 0, 1, 1, 0.85, 0.85, 0.5, 16, 0.0, 5);
            var settings = RecoveryFixtures.config(1, 1).trainingSettings(2);
            int total = TrainingLoop.totalSteps(examples.size(), settings);
            try (AdaLoraAttachment att = AdaLoraAttachment.attach(m, ada, total)) {
                List<Map<String, float[]>> seen = new ArrayList<>();
                TrainingListener capture = new TrainingListener() {
                    @Override
                    public void step(StepEvent e) {
                        if (e.step() == 1) {
                            assertEquals(3 * 21, att.trackedArrays(), "one statistics entry per A, B and E array");
                            seen.add(att.tripletScores());
                        }
                    }
                };
                new TrainingLoop(m, att.trainableArrays(), settings, capture).withHook(att.trainingHook())
                        .run(examples, List.of(), CancellationToken.none());
                assertEquals(1, seen.size());
                assertEquals(21, seen.get(0).size());
                java.util.Set<Float> distinct = new java.util.HashSet<>();
                for (var e : seen.get(0).entrySet()) {
                    for (float v : e.getValue()) {
                        assertTrue(v > 0, e.getKey() + " has a zero score: its statistics were lost");
                        distinct.add(v);
                    }
                }
                assertTrue(distinct.size() > 100, "scores must differ per singular value: " + distinct.size());
            }
        }
    }

    @Test
    void cancellationDetachesTheAdapters() {
        try (LlamaModel m = TinyModels.random(2, DataType.FLOAT32)) {
            CancellationToken token = CancellationToken.create();
            token.cancel();
            assertThrows(CancelledException.class, () -> Recoverer.recover(m, TOKENIZER, RecoveryFixtures.counting(16),
                    LoraConfig.uniform(3, 4, 1), RecoveryFixtures.config(1, 1), TrainingListener.NONE, token));
            for (int l = 0; l < 3; l++) {
                for (var p : dev.rankadaptor.model.Projection.values()) {
                    assertNull(m.adapter(l, p));
                }
            }
        }
    }

    /** Sum over modules of in + out for the tiny uneven model (hidden 32, head dim 8). */
    private static long sumShapes(LlamaModel m) {
        long n = 0;
        for (int l = 0; l < m.numLayers(); l++) {
            for (var p : dev.rankadaptor.model.Projection.values()) {
                long[] s = m.layer(l).weight(p).getShape().getShape();
                n += s[0] + s[1];
            }
        }
        return n;
    }
}

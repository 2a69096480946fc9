package dev.rankadaptor.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.common.CancelledException;
import dev.rankadaptor.model.LlamaModel;
import dev.rankadaptor.model.TinyModels;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingLoopTest {
    static List<TokenBatch.Example> patternData(int n) {
        List<TokenBatch.Example> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int[] t = new int[10 + i % 5];
            for (int j = 0; j < t.length; j++) {
                t[j] = 3 + (i + j * 3) % 20;
            }
            out.add(TokenBatch.Example.plain(t));
        }
        return out;
    }

    static TrainingSettings settings(long seed) {
        return new TrainingSettings(3, 8, 4, 5e-3, 2, LrSchedule.Decay.LINEAR, AdamWConfig.defaults(), 4, 0, 0, seed);
    }

    static TrainingResult train(long seed) {
        try (LlamaModel m = TinyModels.random(2, DataType.FLOAT32)) {
            List<NDArray> all = new ArrayList<>(m.namedWeights().values());
            return new TrainingLoop(m, all, settings(seed), null).run(patternData(32), patternData(8), CancellationToken.none());
        }
    }

    @Test
    void lossFallsAndTheSameSeedGivesTheSameCurve() {
        TrainingResult a = train(1);
        TrainingResult b = train(1);
        assertEquals(12, a.steps());
        assertTrue(a.finalLoss(3) < a.losses().get(0) * 0.8, "loss should fall: " + a.losses());
        assertEquals(a.losses(), b.losses(), "CPU training must be repeatable for one seed");
        assertTrue(a.validation().get(a.validation().size() - 1)[1] < a.validation().get(0)[1] + 1e-9);
    }

    @Test
    void cancellationStopsBetweenMicroBatches() {
        try (LlamaModel m = TinyModels.random(2, DataType.FLOAT32)) {
            CancellationToken token = CancellationToken.create();
            TrainingListener cancelAfterTwo = new TrainingListener() {
                @Override
                public void step(StepEvent e) {
                    if (e.step() == 2) {
                        token.cancel();
                    }
                }
            };
            List<NDArray> all = new ArrayList<>(m.namedWeights().values());
            assertThrows(CancelledException.class,
                    () -> new TrainingLoop(m, all, settings(1), cancelAfterTwo).run(patternData(32), List.of(), token));
        }
    }

    @Test
    void scheduleWarmsUpThenDecaysLinearly() {
        LrSchedule s = new LrSchedule(1.0, 2, 12, LrSchedule.Decay.LINEAR);
        assertEquals(0.5, s.at(0), 1e-12);
        assertEquals(1.0, s.at(1), 1e-12);
        assertEquals(1.0, s.at(2), 1e-12);
        assertEquals(0.5, s.at(7), 1e-12);
    }
}

package dev.rankadaptor.pipeline;

import dev.rankadaptor.experiment.TrialLossHistory;
import dev.rankadaptor.train.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A trial's per-step losses land in trials/<index>/loss.json after its last step, and only then. */
class TrialLossHistoryTest {
    @TempDir
    Path run;

    @Test
    void theForwarderWritesTheCurveAfterTheLastStepAndStillForwardsEveryStep() {
        List<Integer> seen = new ArrayList<>();
        RunListener listener = new RunListener() {
            @Override
            public void trainingStep(int trialIndex, TrainingListener.StepEvent step) {
                seen.add(trialIndex * 100 + step.step());
            }
        };
        TrialStepForwarder f = new TrialStepForwarder(listener, 3, run);
        double[] losses = new double[100];
        for (int i = 0; i < losses.length; i++) {
            losses[i] = i == 50 ? Double.NaN : 3.0 / (i + 1);
        }
        Path file = TrialLossHistory.file(run, 3);
        for (int i = 0; i < losses.length; i++) {
            f.step(new TrainingListener.StepEvent(i + 1, losses.length, losses[i], 1e-4, 1, 10));
            if (i < losses.length - 1) {
                assertFalse(Files.exists(file), "written before the last step");
            }
        }
        assertEquals(100, seen.size());
        assertEquals(301, seen.get(0));
        TrialLossHistory h = TrialLossHistory.read(file).orElseThrow();
        assertEquals(3, h.index());
        assertArrayEquals(losses, h.losses());
        assertTrue(Double.isNaN(h.losses()[50]), "a NaN loss is kept");
        assertTrue(TrialLossHistory.read(run.resolve("none.json")).isEmpty());
    }

    @Test
    void aDamagedHistoryNamesTheFileAndTheEntry() throws Exception {
        Path f = TrialLossHistory.file(run, 0);
        Files.createDirectories(f.getParent());
        Files.writeString(f, "{\"index\": 0, \"losses\": [1.0, true]}");
        var e = org.junit.jupiter.api.Assertions.assertThrows(dev.rankadaptor.common.UserInputException.class,
                () -> TrialLossHistory.read(f));
        assertTrue(e.getMessage().contains("loss.json: losses[1] must be a number or \"NaN\""), e.getMessage());
    }
}

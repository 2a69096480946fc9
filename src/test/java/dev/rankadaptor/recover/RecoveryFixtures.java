package dev.rankadaptor.recover;

import dev.rankadaptor.train.LrSchedule;

import java.util.ArrayList;
import java.util.List;

/** Simple instruction data a tiny model can learn quickly: count onwards from a number word. */
final class RecoveryFixtures {
    static final String[] WORDS = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
            "ten", "eleven"};

    private RecoveryFixtures() {
    }

    static RecoveryData counting(int n) {
        List<InstructionRecord> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int start = i % 6;
            StringBuilder out = new StringBuilder();
            for (int k = 0; k < 6; k++) {
                out.append(k == 0 ? "" : " ").append(WORDS[start + k]);
            }
            String input = i % 2 == 0 ? "" : "start at " + WORDS[start];
            rows.add(new InstructionRecord("count up from " + WORDS[start], input, out.toString()));
        }
        return RecoveryData.instructions(rows, "counting fixture");
    }

    static RecoveryConfig config(long seed, int epochs) {
        return new RecoveryConfig(epochs, 8, 8, 1e-2, 2, LrSchedule.Decay.LINEAR, 96, true, 8, 0, 0, seed);
    }
}

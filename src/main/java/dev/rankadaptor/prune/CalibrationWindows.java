package dev.rankadaptor.prune;

import dev.rankadaptor.checkpoint.TextTokenizer;
import dev.rankadaptor.common.InvalidFieldException;
import dev.rankadaptor.common.UserInputException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The calibration data of Taylor importance and depth scoring: N windows of fixed length taken at
 * seeded random offsets of one token stream (LLM-Pruner: 10 random 64-token BookCorpus windows).
 * The same seed gives the same windows, so a pruning run can be repeated exactly.
 */
public record CalibrationWindows(List<int[]> windows, int window, String source) {

    public CalibrationWindows {
        windows = List.copyOf(windows);
    }

    /** Reads and tokenizes a UTF-8 text file, then samples windows from it. */
    public static CalibrationWindows fromFile(Path text, TextTokenizer tokenizer, int samples, int window, long seed) {
        String content;
        try {
            content = Files.readString(text, StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new UserInputException("calibration_text: cannot read " + text + " as UTF-8 text: " + e.getMessage(), e);
        }
        return fromTokens(tokenizer.encode(content), samples, window, seed, text.toString());
    }

    /** Samples {@code samples} windows of {@code window} tokens at seeded random offsets. */
    public static CalibrationWindows fromTokens(int[] tokens, int samples, int window, long seed, String source) {
        if (tokens.length < window) {
            throw new InvalidFieldException("calibration_text", source + " has " + tokens.length
                    + " tokens, fewer than one window of " + window + ": give a longer text or a smaller window");
        }
        Random rng = new Random(seed);
        List<int[]> out = new ArrayList<>();
        for (int s = 0; s < samples; s++) {
            int start = rng.nextInt(tokens.length - window + 1);
            int[] w = new int[window];
            System.arraycopy(tokens, start, w, 0, window);
            out.add(w);
        }
        return new CalibrationWindows(out, window, source);
    }

    public int size() {
        return windows.size();
    }
}

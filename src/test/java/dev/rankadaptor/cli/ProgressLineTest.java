package dev.rankadaptor.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.*;

/** The step line's elapsed time and ETA belong to the current trial, not to the whole run. */
class ProgressLineTest {

    @Test
    void restartTimesTheNextTaskFromZero() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressLine line = new ProgressLine(new PrintStream(bytes, true, StandardCharsets.UTF_8), 0);
        Thread.sleep(1100); // time spent before the second trial starts (the previous trials)
        line.restart();
        line.update("  training", 1, 30, "loss 3.0");
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("1/30"), printed);
        // without restart: elapsed 0m01s and eta 29 x 1.1 s = 0m32s
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("elapsed 0m(\\d\\d)s eta 0m(\\d\\d)s").matcher(printed);
        assertTrue(m.find(), printed);
        assertEquals(0, Integer.parseInt(m.group(1)), printed);
        assertTrue(Integer.parseInt(m.group(2)) < 10, "the ETA is the trial's: " + printed);
    }
}

package dev.rankadaptor.execution.slurm;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits one line of {@code Key=Value} pairs as {@code scontrol show job -o}, {@code scontrol show config}
 * and the jobcomp file print them. Values may contain spaces (a Command or WorkDir path), so a pair
 * ends where the next "Key=" begins; keys are letters, digits and {@code : / _ .} as Slurm uses them
 * (e.g. {@code AllocNode:Sid}, {@code CPUs/Task}).
 */
final class SlurmKeyValues {
    private static final Pattern KEY = Pattern.compile("(?:^|\\s)([A-Za-z][A-Za-z0-9:/_.]*)=");

    private SlurmKeyValues() {
    }

    static Map<String, String> parse(String line) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = KEY.matcher(line);
        String key = null;
        int valueStart = 0;
        while (m.find()) {
            if (key != null) {
                out.put(key, line.substring(valueStart, m.start()).trim());
            }
            key = m.group(1);
            valueStart = m.end();
        }
        if (key != null) {
            out.put(key, line.substring(valueStart).trim());
        }
        return out;
    }
}

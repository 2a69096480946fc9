package dev.rankadaptor.execution.slurm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SlurmJobScriptTest {
    @Test
    void scriptCarriesTheBackendsOptionsThenTheTemplateThenTheQuotedCommand(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out.txt");
        SlurmJobScript script = new SlurmJobScript("ra-run1-t3-a1", tmp, tmp.resolve("attempt-1.log"),
                Map.of("OMP_NUM_THREADS", "1"),
                List.of("bash", "-c", "printf '%s|' \"$0\" \"$1\" \"$OMP_NUM_THREADS\" > " + out, "it's", "a b;$(x)"));
        String text = script.render(List.of("#SBATCH --partition=gpu", "#SBATCH --qos=normal"));
        List<String> lines = text.lines().toList();
        assertEquals("#!/bin/bash", lines.get(0));
        assertEquals("#SBATCH --job-name=ra-run1-t3-a1", lines.get(1));
        assertEquals("#SBATCH --output=" + tmp.resolve("attempt-1.log"), lines.get(2));
        assertEquals("#SBATCH --chdir=" + tmp, lines.get(3));
        assertEquals("#SBATCH --no-requeue", lines.get(4));
        assertEquals("#SBATCH --partition=gpu", lines.get(5));
        assertEquals("#SBATCH --qos=normal", lines.get(6));
        // sbatch stops reading options at the first command: every #SBATCH line must come before it
        int firstCommand = lines.indexOf(lines.stream().filter(l -> !l.startsWith("#")).findFirst().orElseThrow());
        assertTrue(lines.stream().skip(firstCommand).noneMatch(l -> l.startsWith("#SBATCH")));

        // what bash makes of it is exactly the argument list, whatever quotes and metacharacters it holds
        Path file = tmp.resolve("job.sh");
        Files.writeString(file, text);
        Process p = new ProcessBuilder("bash", file.toString()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), new String(p.getInputStream().readAllBytes()));
        assertEquals("it's|a b;$(x)|1|", Files.readString(out));
    }

    @Test
    void pathsSlurmCannotTakeAreRefused(@TempDir Path tmp) {
        assertThrows(IllegalArgumentException.class, () -> new SlurmJobScript("ra", tmp.resolve("a b"),
                tmp.resolve("l.log"), Map.of(), List.of("true")));
        assertThrows(IllegalArgumentException.class, () -> new SlurmJobScript("ra", tmp,
                tmp.resolve("l%j.log"), Map.of(), List.of("true")));
        assertThrows(IllegalArgumentException.class, () -> new SlurmJobScript("r a", tmp,
                tmp.resolve("l.log"), Map.of(), List.of("true")));
    }
}

package dev.rankadaptor.compute;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGTERM to a process busy in PyTorch: with {@link dev.rankadaptor.common.ExitGuard} the job is
 * cancelled and leaves native code before the JVM exits (without it the JVM exits under the
 * running job, which crashed a prune in libtorch), and the exit status is the ordinary 143.
 */
class ExitGuardTest {
    @Test
    void sigtermStopsTheJobAtItsNextCancellationPointBeforeTheJvmExits() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-Dai.djl.offline=true", "-cp",
                System.getProperty("java.class.path"), ExitGuardChild.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                lines.add(line);
                if (line.equals("started")) {
                    Thread.sleep(300);
                    p.toHandle().destroy(); // SIGTERM; Process.destroy would also close our end of its output
                }
            }
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child did not exit");
        assertTrue(lines.contains("started"), "child never started: " + lines);
        assertTrue(lines.contains("left native code after cancel"), "job not stopped before exit: " + lines);
        assertTrue(lines.stream().noneMatch(l -> l.contains("A fatal error")), String.join("\n", lines));
        assertEquals(143, p.exitValue());
    }
}

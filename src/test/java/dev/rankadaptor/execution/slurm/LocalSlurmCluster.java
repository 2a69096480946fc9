package dev.rankadaptor.execution.slurm;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The single-node cluster that tools/local-slurm.sh started (.ci/run does it; by hand:
 * {@code eval "$(tools/local-slurm.sh start /tmp/slurm-dev)"}), found through the
 * RANKADAPTOR_SLURM_DIR it exports. Tests only ever submit to that cluster, never to whatever
 * SLURM_CONF a developer's shell points at. Without one the Slurm tests are skipped with a line
 * saying why; with CI=true they fail instead, so CI can never pass without running them.
 */
public final class LocalSlurmCluster {
    private LocalSlurmCluster() {
    }

    /** The environment overrides that reach the local cluster, or skip (fail on CI) saying why. */
    public static Map<String, String> env() {
        String dir = System.getenv("RANKADAPTOR_SLURM_DIR");
        String why;
        if (dir == null || dir.isBlank()) {
            why = "RANKADAPTOR_SLURM_DIR is not set (run .ci/run, or eval \"$(tools/local-slurm.sh start /tmp/slurm-dev)\" first)";
        } else {
            Path conf = Path.of(dir, "etc", "slurm.conf");
            if (!Files.isRegularFile(conf)) {
                why = "RANKADAPTOR_SLURM_DIR=" + dir + " holds no etc/slurm.conf (start it with tools/local-slurm.sh start " + dir + ")";
            } else {
                Map<String, String> env = Map.of("SLURM_CONF", conf.toString());
                try {
                    new SlurmClient(env, Duration.ofSeconds(30)).preflight();
                    return env;
                } catch (SlurmCommandException e) {
                    why = "the local Slurm in " + dir + " is not usable: " + e.getMessage();
                }
            }
        }
        unavailable(why);
        throw new AssertionError("unreachable");
    }

    /** Skips the test with {@code why} (printed, so a skipped run says it), or fails it when CI=true. */
    public static void unavailable(String why) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail("CI=true but the Slurm tests cannot run: " + why);
        }
        System.err.println("Slurm tests skipped: " + why);
        Assumptions.abort("Slurm tests skipped: " + why);
    }
}

package dev.rankadaptor.execution.slurm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A slurm backend is refused at start, saying which command failed and how, when Slurm cannot be used. */
class SlurmPreflightTest {
    @Test
    void pathWithoutSbatchNamesTheMissingCommandAndThePath(@TempDir Path emptyBin) {
        SlurmClient client = new SlurmClient(Map.of("PATH", emptyBin.toString()), Duration.ofSeconds(10));
        SlurmCommandException e = assertThrows(SlurmCommandException.class, client::preflight);
        assertTrue(e.getMessage().contains("sbatch not found on PATH=" + emptyBin), e.getMessage());
    }

    @Test
    void sbatchThatFailsIsReportedWithItsExitCodeAndStderr(@TempDir Path bin) throws IOException {
        for (String c : SlurmClient.COMMANDS) {
            Path p = bin.resolve(c);
            Files.writeString(p, "#!/bin/sh\necho \"" + c + ": error: broken install\" >&2\nexit 7\n");
            assertTrue(p.toFile().setExecutable(true));
        }
        SlurmClient client = new SlurmClient(Map.of("PATH", bin + ":/usr/bin:/bin"), Duration.ofSeconds(10));
        SlurmCommandException e = assertThrows(SlurmCommandException.class, client::preflight);
        assertTrue(e.getMessage().contains("`sbatch --version` exited 7: sbatch: error: broken install"), e.getMessage());
    }

    @Test
    void slurmConfNamingNoFileIsRefusedAtOnce(@TempDir Path tmp) {
        SlurmClient client = new SlurmClient(Map.of("SLURM_CONF", tmp.resolve("missing.conf").toString()), Duration.ofSeconds(10));
        SlurmCommandException e = assertThrows(SlurmCommandException.class, client::preflight);
        assertTrue(e.getMessage().contains("SLURM_CONF=" + tmp.resolve("missing.conf") + " names no file"), e.getMessage());
    }

    @Test
    void deadControllerIsReportedWithSinfosError(@TempDir Path tmp) throws IOException {
        if (new SlurmShell(Map.of(), Duration.ofSeconds(5)).which("sinfo").isEmpty()) {
            LocalSlurmCluster.unavailable("Slurm's commands are not installed (tools/local-slurm.sh install)");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();     // free once closed: nothing listens there
        }
        Path conf = tmp.resolve("slurm.conf");
        Files.writeString(conf, String.join("\n",
                "ClusterName=nobody",
                "SlurmctldHost=localhost(127.0.0.1)",
                "SlurmctldPort=" + port,
                "AuthType=auth/munge",
                "MessageTimeout=2",
                "NodeName=localhost CPUs=1",
                "PartitionName=p Nodes=localhost Default=YES", ""));
        SlurmClient client = new SlurmClient(Map.of("SLURM_CONF", conf.toString()), Duration.ofSeconds(30));
        SlurmCommandException e = assertThrows(SlurmCommandException.class, client::preflight);
        assertTrue(e.getMessage().startsWith("the Slurm controller does not answer: `sinfo -h -o %R|%D` exited 1:"), e.getMessage());
        assertTrue(e.getMessage().contains("Unable to contact slurm controller"), e.getMessage());
    }
}

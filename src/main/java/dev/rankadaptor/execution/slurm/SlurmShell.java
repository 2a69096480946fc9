package dev.rankadaptor.execution.slurm;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs Slurm's own commands (sbatch, squeue, scontrol, sacct, scancel, sinfo) with a chosen
 * environment and a time limit; the only way this package talks to Slurm. The program is looked up
 * on the PATH of that environment (not the JVM's), so a PATH without Slurm fails the way it would in
 * the user's shell.
 */
final class SlurmShell {
    private final Map<String, String> env;
    private final Duration timeout;

    /** {@code overrides} replace or add variables of this process's environment; a null value removes one. */
    SlurmShell(Map<String, String> overrides, Duration timeout) {
        Map<String, String> e = new HashMap<>(System.getenv());
        overrides.forEach((k, v) -> {
            if (v == null) {
                e.remove(k);
            } else {
                e.put(k, v);
            }
        });
        this.env = Map.copyOf(e);
        this.timeout = timeout;
    }

    Map<String, String> environment() {
        return env;
    }

    /** The program's absolute path on this environment's PATH. */
    Optional<Path> which(String program) {
        for (String dir : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, program);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    SlurmCommandResult run(String program, String... args) {
        List<String> shown = new ArrayList<>(List.of(args));
        shown.add(0, program);
        Optional<Path> exe = which(program);
        if (exe.isEmpty()) {
            return new SlurmCommandResult(shown, SlurmCommandResult.NOT_STARTED, "",
                    program + " not found on PATH=" + env.getOrDefault("PATH", "(unset)"));
        }
        List<String> cmd = new ArrayList<>(shown);
        cmd.set(0, exe.get().toString());
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return new SlurmCommandResult(shown, SlurmCommandResult.NOT_STARTED, "", e.getMessage());
        }
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
                return new SlurmCommandResult(shown, SlurmCommandResult.TIMED_OUT, out.getNow(""),
                        "no answer after " + timeout.toSeconds() + " s. " + err.getNow(""));
            }
            return new SlurmCommandResult(shown, p.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return new SlurmCommandResult(shown, SlurmCommandResult.TIMED_OUT, "", "interrupted");
        }
    }

    /** Reads a stream to its end on its own daemon thread (a shared pool could leave one pipe full and hang). */
    private static CompletableFuture<String> drain(InputStream in) {
        CompletableFuture<String> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (in) {
                ByteArrayOutputStream buf = new ByteArrayOutputStream();
                in.transferTo(buf);
                f.complete(buf.toString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                f.completeExceptionally(new UncheckedIOException(e));
            }
        }, "slurm-command-output");
        t.setDaemon(true);
        t.start();
        return f;
    }
}

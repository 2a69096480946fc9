package dev.rankadaptor.execution;

import dev.rankadaptor.common.UserInputException;
import dev.rankadaptor.experiment.ExecutionSection;
import dev.rankadaptor.experiment.JournalRecord;
import dev.rankadaptor.experiment.RunDirectory;
import dev.rankadaptor.pipeline.TrialSpec;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Worker processes on this machine, one per slot; slot i runs on {@code execution.devices[i]} (a CUDA
 * index, or a CPU slot). Each attempt is a child process running the {@code trial} command in worker
 * mode with its output in the attempt's log. The handle is the child's pid: a coordinator that was
 * killed leaves its children running, and the next one adopts them by pid (checking the command line,
 * so a reused pid is never taken for a worker). A child killed by a signal exits with 128 + signal.
 */
public final class LocalBackend implements TrialBackend {
    private final RunDirectory dir;
    private final ExecutionSection execution;
    private final WorkerLaunch launch;
    private final Map<String, Process> children = new HashMap<>();
    private final Map<String, ProcessHandle> adopted = new HashMap<>();

    public LocalBackend(RunDirectory dir, ExecutionSection execution, WorkerLaunch launch) {
        this.dir = dir;
        this.execution = execution;
        this.launch = launch;
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public int slots() {
        return execution.workers();
    }

    @Override
    public void checkAvailable() {
        if (!new File(launch.java()).canExecute()) {
            throw new UserInputException("execution.backend local: cannot start workers, " + launch.java() + " is not executable");
        }
    }

    /** The device of a slot. */
    public String device(int slot) {
        return execution.deviceOf(slot);
    }

    @Override
    public TrialHandle submit(TrialSpec spec, int attempt, int slot) {
        Path log = dir.trialLogFile(spec.index(), attempt);
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder pb = new ProcessBuilder(launch.argv(spec, attempt, device(slot)))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().putAll(launch.env());
            Process p = pb.start();
            String id = Long.toString(p.pid());
            children.put(id, p);
            return new TrialHandle(spec.index(), attempt, id, slot, device(slot), System.currentTimeMillis());
        } catch (IOException e) {
            throw new UserInputException("cannot start a worker for trial " + spec.index() + " (" + launch.java() + "): "
                    + e.getMessage(), e);
        }
    }

    @Override
    public JobStatus poll(TrialHandle h) {
        Process p = children.get(h.id());
        if (p != null) {
            if (p.isAlive()) {
                return new JobStatus(JobState.RUNNING, "", h.where());
            }
            int code = p.exitValue();
            if (code == 0) {
                return new JobStatus(JobState.SUCCEEDED, "", h.where());
            }
            String why = code > 128 ? "worker killed by signal " + (code - 128) + " (exit status " + code + ")"
                    : "worker exited with status " + code;
            return new JobStatus(JobState.FAILED, why, h.where());
        }
        ProcessHandle ph = adopted.get(h.id());
        if (ph != null && ph.isAlive()) {
            return new JobStatus(JobState.RUNNING, "", h.where());
        }
        return new JobStatus(JobState.GONE, "worker process " + h.id() + " ended (its exit status is unknown: it was"
                + " started by an earlier coordinator)", h.where());
    }

    @Override
    public void cancel(TrialHandle h) {
        Process p = children.get(h.id());
        ProcessHandle ph = p != null ? p.toHandle() : adopted.get(h.id());
        if (ph != null) {
            ph.descendants().forEach(ProcessHandle::destroyForcibly);
            ph.destroyForcibly();
            if (p != null) {
                try {
                    p.waitFor();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @Override
    public Optional<TrialHandle> adopt(JournalRecord.TrialDispatched recorded, TrialSpec spec, int slot) {
        long pid;
        try {
            pid = Long.parseLong(recorded.handle());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        Optional<ProcessHandle> ph = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(h -> isWorkerOf(h, spec.index(), recorded.attempt()));
        if (ph.isEmpty()) {
            return Optional.empty();
        }
        adopted.put(recorded.handle(), ph.get());
        long started = ph.get().info().startInstant().map(java.time.Instant::toEpochMilli).orElse(System.currentTimeMillis());
        return Optional.of(new TrialHandle(spec.index(), recorded.attempt(), recorded.handle(), slot, recorded.worker(), started));
    }

    /** True when the process runs the trial command of this run, trial and attempt. */
    private boolean isWorkerOf(ProcessHandle h, int index, int attempt) {
        List<String> a = arguments(h);
        int i = a.indexOf("--index");
        int at = a.indexOf("--attempt");
        return a.contains(dir.path().toString()) && i >= 0 && i + 1 < a.size() && a.get(i + 1).equals(Integer.toString(index))
                && at >= 0 && at + 1 < a.size() && a.get(at + 1).equals(Integer.toString(attempt));
    }

    /**
     * A process's command line. Linux: /proc/pid/cmdline in full (ProcessHandle.Info truncates a long
     * one, e.g. with a long class path, and then reports no arguments at all); elsewhere ProcessHandle.Info.
     */
    static List<String> arguments(ProcessHandle h) {
        Path proc = Path.of("/proc", Long.toString(h.pid()), "cmdline");
        try {
            if (Files.isReadable(proc)) {
                String all = Files.readString(proc, java.nio.charset.StandardCharsets.UTF_8);
                return List.of(all.split("\u0000"));
            }
        } catch (IOException e) {
            // fall back to what the JDK reports
        }
        return h.info().arguments().map(List::of).orElse(List.of());
    }

    @Override
    public void close() {
        for (Process p : children.values()) {
            if (p.isAlive()) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
        for (ProcessHandle h : adopted.values()) {
            if (h.isAlive()) {
                h.destroyForcibly();
            }
        }
        children.clear();
        adopted.clear();
    }
}

package dev.rankadaptor.ui;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Explains a long FX pulse gap after the fact: a daemon thread samples the FX thread's state and top
 * frames and every thread's CPU time every few ms into a ring; {@link #explain} summarises the
 * samples inside a gap (what the FX thread did, which threads used the CPU meanwhile).
 */
final class PulseGapProbe implements AutoCloseable {
    private record Sample(long nanos, String fxState, String fxTop, Map<String, Long> cpu) {
    }

    private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    private final List<Sample> ring = new ArrayList<>();
    private final Thread sampler;
    private volatile boolean running = true;

    PulseGapProbe() {
        sampler = new Thread(this::loop, "pulse-gap-probe");
        sampler.setDaemon(true);
        sampler.start();
    }

    private final Map<String, String> comms = new HashMap<>();

    private static String readComm(java.nio.file.Path task) {
        try {
            return java.nio.file.Files.readString(task.resolve("comm")).trim().replaceAll("\\d+$", "#");
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private void loop() {
        Map<Long, String> names = new HashMap<>();
        long fxId = -1;
        int tick = 0;
        while (running) {
            if (tick++ % 20 == 0) {
                for (ThreadInfo ti : mx.getThreadInfo(mx.getAllThreadIds(), 0)) {
                    if (ti != null) {
                        names.put(ti.getThreadId(), ti.getThreadName().replaceAll("\\d+$", "#"));
                        if (ti.getThreadName().equals("JavaFX Application Thread")) {
                            fxId = ti.getThreadId();
                        }
                    }
                }
            }
            long now = System.nanoTime();
            Map<String, Long> cpu = new HashMap<>();
            if (tick % 20 == 1) {
                comms.clear();
            }
            try (java.nio.file.DirectoryStream<java.nio.file.Path> tasks = java.nio.file.Files.newDirectoryStream(java.nio.file.Path.of("/proc/self/task"))) {
                for (java.nio.file.Path t : tasks) {
                    try {
                        String comm = comms.computeIfAbsent(t.getFileName().toString(), k -> readComm(t));
                        String[] f = java.nio.file.Files.readString(t.resolve("schedstat")).trim().split(" ");
                        cpu.merge("run " + comm, Long.parseLong(f[0]), Long::sum);
                        cpu.merge("wait " + comm, Long.parseLong(f[1]), Long::sum);
                    } catch (java.io.IOException | RuntimeException e) {
                        // thread ended
                    }
                }
            } catch (java.io.IOException e) {
                // no /proc: JMX names only
            }
            String fxState = "?";
            String fxTop = "";
            ThreadInfo ti = fxId < 0 ? null : mx.getThreadInfo(fxId, Integer.getInteger("pulse.probe.depth", 6));
            if (ti != null) {
                fxState = ti.getThreadState().name();
                StringBuilder sb = new StringBuilder();
                for (StackTraceElement st : ti.getStackTrace()) {
                    sb.append(st.getClassName().replaceAll(".*\\.", "")).append('.').append(st.getMethodName()).append(' ');
                }
                fxTop = sb.toString();
            }
            synchronized (ring) {
                ring.add(new Sample(now, fxState, fxTop, cpu));
                if (ring.size() > 4000) {
                    ring.subList(0, 1000).clear();
                }
            }
            try {
                Thread.sleep(15);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** A one-paragraph summary of the samples between two nanoTime stamps. */
    String explain(long from, long to) {
        List<Sample> in = new ArrayList<>();
        synchronized (ring) {
            for (Sample s : ring) {
                if (s.nanos() >= from && s.nanos() <= to) {
                    in.add(s);
                }
            }
        }
        if (in.size() < 2) {
            return "(" + in.size() + " samples)";
        }
        Map<String, Integer> fx = new TreeMap<>();
        for (Sample s : in) {
            fx.merge(s.fxState() + ": " + s.fxTop(), 1, Integer::sum);
        }
        Map<String, Long> first = in.get(0).cpu();
        Map<String, Long> last = in.get(in.size() - 1).cpu();
        List<Map.Entry<String, Long>> used = new ArrayList<>();
        for (Map.Entry<String, Long> e : last.entrySet()) {
            long d = e.getValue() - first.getOrDefault(e.getKey(), 0L);
            if (d > 4_000_000L) {
                used.add(Map.entry(e.getKey(), d / 1_000_000));
            }
        }
        used.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
        double wall = (in.get(in.size() - 1).nanos() - in.get(0).nanos()) / 1e6;
        return String.format("%d samples over %.0f ms; ms on cpu / waiting for a cpu %s; fx %s", in.size(), wall, used, fx);
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}

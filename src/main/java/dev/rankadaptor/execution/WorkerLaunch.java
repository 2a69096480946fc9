package dev.rankadaptor.execution;

import dev.rankadaptor.compute.Engines;
import dev.rankadaptor.pipeline.TrialSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a worker is started: the same Java, class path and settings as the run's own JVM, running the
 * {@code trial} command in worker mode, with one PyTorch thread per worker (intra-op, inter-op and
 * OpenMP), because two workers that each spread over every core slow each other down far more
 * than they gain. Backends use {@link #argv} (local: as a child process; slurm: inside the job script).
 *
 * @param java      the java executable
 * @param jvmArgs   options before the main class (heap, DJL cache, offline)
 * @param classPath the class path
 * @param mainClass the main class whose first argument is the command name
 * @param env       environment variables every worker gets
 */
public record WorkerLaunch(String java, List<String> jvmArgs, String classPath, String mainClass, Map<String, String> env) {
    /** The product's entry point. */
    public static final String MAIN = "dev.rankadaptor.Main";
    /** Forwarded to workers when set in the coordinator (heap of a worker: RANKADAPTOR_WORKER_XMX, default 4g). */
    private static final List<String> FORWARDED = List.of(Engines.CACHE_PROPERTY, "rankadaptor.home", "ai.djl.offline");

    public WorkerLaunch {
        jvmArgs = List.copyOf(jvmArgs);
        env = Map.copyOf(env);
    }

    /** The launch of this JVM: its java, class path and forwarded properties. */
    public static WorkerLaunch current() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> jvm = new ArrayList<>();
        String xmx = System.getenv("RANKADAPTOR_WORKER_XMX");
        jvm.add("-Xmx" + (xmx == null || xmx.isBlank() ? "4g" : xmx.trim()));
        jvm.add("-XX:+UseSerialGC");
        jvm.add("-D" + Engines.CACHE_PROPERTY + "=" + Engines.cacheDir());
        for (String p : FORWARDED) {
            String v = System.getProperty(p);
            if (v != null && !p.equals(Engines.CACHE_PROPERTY)) {
                jvm.add("-D" + p + "=" + v);
            }
        }
        jvm.add("-Dai.djl.pytorch.num_threads=1");
        jvm.add("-Dai.djl.pytorch.num_interop_threads=1");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("OMP_NUM_THREADS", "1");
        env.put("MKL_NUM_THREADS", "1");
        env.put("RANKADAPTOR_THREADS", "1");
        env.put("DJL_OFFLINE", "true");
        return new WorkerLaunch(java, jvm, System.getProperty("java.class.path"), MAIN, env);
    }

    /** The full command line of attempt {@code attempt} of {@code spec} on {@code device}. */
    public List<String> argv(TrialSpec spec, int attempt, String device) {
        List<String> a = new ArrayList<>();
        a.add(java);
        a.addAll(jvmArgs);
        a.add("-cp");
        a.add(classPath);
        a.add(mainClass);
        a.addAll(spec.workerArgs(attempt, device));
        return a;
    }
}

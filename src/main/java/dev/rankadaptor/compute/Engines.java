package dev.rankadaptor.compute;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Starts DJL's PyTorch engine offline, with its native libraries unpacked into a folder the tool
 * controls. This must run before any other DJL class touches the engine: DJL reads these settings
 * once, at engine load. Nothing here ever downloads: natives come from the jars on the class path.
 */
public final class Engines {
    /** System property that overrides the native cache folder (tests point it under target/). */
    public static final String CACHE_PROPERTY = "rankadaptor.djl.cache";
    private static volatile Engine engine;

    private Engines() {
    }

    /** The folder DJL unpacks natives into: the override, else ~/.cache/rankadaptor/djl. */
    public static Path cacheDir() {
        String override = System.getProperty(CACHE_PROPERTY);
        if (override == null || override.isBlank()) {
            override = System.getenv("RANKADAPTOR_DJL_CACHE");
        }
        if (override != null && !override.isBlank()) {
            return Paths.get(override).toAbsolutePath();
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Paths.get(xdg) : Paths.get(System.getProperty("user.home"), ".cache");
        return base.resolve("rankadaptor").resolve("djl");
    }

    /** Starts (once) and returns the PyTorch engine. */
    public static Engine pytorch() {
        Engine e = engine;
        if (e == null) {
            synchronized (Engines.class) {
                if (engine == null) {
                    engine = start();
                }
                e = engine;
            }
        }
        return e;
    }

    /**
     * Prepares the calling thread for model work: PyTorch's grad mode is per thread and on by
     * default, while DJL switches it off only on the thread that started the engine. A worker
     * thread that skips this builds autograd graphs during inference and fails on in-place updates
     * of trainable arrays ("a leaf Variable that requires grad is being used in an in-place operation").
     */
    public static void prepareWorkerThread() {
        pytorch();
        ai.djl.pytorch.jni.JniUtils.setGradMode(false);
    }

    /** A new root manager on the given device; the caller closes it. */
    public static NDManager newManager(DeviceChoice device) {
        return pytorch().newBaseManager(device.toDjl());
    }

    /**
     * PyTorch intra-op threads: RANKADAPTOR_THREADS if set, else 1 on machines with at most 2
     * cores (measured: with 2 threads, any other load on a 2-core machine makes OpenMP's
     * busy-waiting slow a LoRA step 40-90x; 1 thread costs ~20% on an idle machine), else all cores.
     */
    static int defaultThreads() {
        String env = System.getenv("RANKADAPTOR_THREADS");
        if (env != null && env.matches("\\d+") && Integer.parseInt(env) > 0) {
            return Integer.parseInt(env);
        }
        int cores = Runtime.getRuntime().availableProcessors();
        return cores <= 2 ? 1 : cores;
    }

    private static Engine start() {
        Path cache = cacheDir();
        try {
            Files.createDirectories(cache);
        } catch (Exception ex) {
            throw new IllegalStateException("cannot create the DJL native cache folder " + cache + ": " + ex.getMessage(), ex);
        }
        System.setProperty("DJL_CACHE_DIR", cache.toString());
        System.setProperty("ENGINE_CACHE_DIR", cache.toString());
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("offline", "true");
        System.setProperty("ai.djl.default_engine", "PyTorch");
        System.setProperty("ai.djl.pytorch.graph_optimizer", "false");
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(defaultThreads()));
        }
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        return Engine.getEngine("PyTorch");
    }
}

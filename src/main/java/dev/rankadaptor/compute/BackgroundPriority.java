package dev.rankadaptor.compute;

import com.sun.jna.Library;
import com.sun.jna.Native;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Lets the workbench keep its window responsive while a trial trains on the same cores: background
 * threads (training, evaluation, file work) and the JIT compiler threads run at a higher nice
 * value than the UI threads, so the scheduler hands a waiting UI thread a core at once instead of
 * sharing it evenly. On a 2-core machine a training thread plus the JIT compilers otherwise leave the
 * FX thread waiting for a CPU for 100-200 ms at a time (measured with {@code /proc/self/task/* /schedstat}).
 *
 * <p>Linux only (per-thread nice via {@code setpriority(PRIO_PROCESS, tid)}, which any user may
 * raise but not lower again); elsewhere, or if the call fails, every method is a no-op that says so
 * in its return value. Java's own {@code Thread.setPriority} is not used: the JVM ignores it on Linux
 * unless started with {@code -XX:ThreadPriorityPolicy=1}, which prints a warning for non-root users.
 */
public final class BackgroundPriority {
    /** Nice value of background work threads (0 = normal; 19 = lowest). */
    public static final int WORKER_NICE = 10;
    /** Nice value of the JIT compiler threads while a window is open. */
    public static final int JIT_NICE = 5;
    private static final int PRIO_PROCESS = 0;
    private static final Pattern JIT_THREADS = Pattern.compile("C[12] CompilerThre.*");

    private BackgroundPriority() {
    }

    private interface LibC extends Library {
        int setpriority(int which, int who, int prio);
    }

    private static final class Holder {
        static final LibC LIBC = load();

        private static LibC load() {
            if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
                return null;
            }
            try {
                if (System.getProperty("jna.tmpdir") == null) {
                    // JNA unpacks its native stub next to DJL's natives, in the folder the tool controls
                    Path dir = Engines.cacheDir().resolve("jna");
                    Files.createDirectories(dir);
                    System.setProperty("jna.tmpdir", dir.toString());
                }
                return Native.load("c", LibC.class);
            } catch (IOException | LinkageError | RuntimeException e) {
                return null;
            }
        }
    }

    /** The calling thread's kernel thread id (Linux), or -1. */
    static int currentTid() {
        try {
            // /proc/thread-self -> "<pid>/task/<tid>"
            Path link = Files.readSymbolicLink(Path.of("/proc/thread-self"));
            return Integer.parseInt(link.getFileName().toString());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The nice value of a thread of this process (Linux), or {@code Integer.MIN_VALUE}. */
    public static int niceOf(int tid) {
        try {
            String stat = Files.readString(Path.of("/proc/self/task/" + tid + "/stat"));
            // fields after the ")" of the command name; nice is field 19 overall, the 17th after ")"
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Integer.parseInt(f[16]);
        } catch (IOException | RuntimeException e) {
            return Integer.MIN_VALUE;
        }
    }

    /** Nice value of the calling thread, or {@code Integer.MIN_VALUE} where it cannot be read. */
    public static int currentNice() {
        int tid = currentTid();
        return tid < 0 ? Integer.MIN_VALUE : niceOf(tid);
    }

    private static boolean renice(int tid, int nice) {
        LibC libc = Holder.LIBC;
        if (libc == null || tid < 0) {
            return false;
        }
        int now = niceOf(tid);
        if (now != Integer.MIN_VALUE && now >= nice) {
            return true;
        }
        return libc.setpriority(PRIO_PROCESS, tid, nice) == 0;
    }

    /**
     * Moves the calling thread to background priority (never raises it); threads it starts later
     * (PyTorch's OpenMP workers included) inherit it.
     *
     * @return whether the thread now runs at nice {@link #WORKER_NICE} or lower priority
     */
    public static boolean lowerCurrentThread() {
        return renice(currentTid(), WORKER_NICE);
    }

    /**
     * Lowers the JVM's JIT compiler threads to {@link #JIT_NICE}, so warming up new code paths
     * (the first trial, the first chart update) waits for an idle core instead of for the UI.
     *
     * @return how many compiler threads were lowered
     */
    public static int lowerJitThreads() {
        int n = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path t : tasks) {
                String comm;
                try {
                    comm = Files.readString(t.resolve("comm")).trim();
                } catch (IOException e) {
                    continue;
                }
                if (JIT_THREADS.matcher(comm).matches() && renice(Integer.parseInt(t.getFileName().toString()), JIT_NICE)) {
                    n++;
                }
            }
        } catch (IOException | RuntimeException e) {
            return n;
        }
        return n;
    }
}

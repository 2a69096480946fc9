package dev.rankadaptor.compute;

import org.junit.jupiter.api.Test;

import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class BackgroundPriorityTest {

    private static void assumeLinux() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux /proc needed");
    }

    @Test
    void aLoweredThreadRunsAtWorkerNiceAndItsChildrenInheritIt() throws Exception {
        assumeLinux();
        int callerBefore = BackgroundPriority.currentNice();
        AtomicInteger before = new AtomicInteger();
        AtomicInteger after = new AtomicInteger();
        AtomicInteger child = new AtomicInteger();
        AtomicInteger lowered = new AtomicInteger();
        Thread t = new Thread(() -> {
            before.set(BackgroundPriority.currentNice());
            lowered.set(BackgroundPriority.lowerCurrentThread() ? 1 : 0);
            after.set(BackgroundPriority.currentNice());
            Thread c = new Thread(() -> child.set(BackgroundPriority.currentNice()));
            c.start();
            try {
                c.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.start();
        t.join();
        assertEquals(1, lowered.get(), "setpriority succeeded");
        int expected = Math.max(before.get(), BackgroundPriority.WORKER_NICE);
        assertEquals(expected, after.get(), "lowered to the worker nice (never raised)");
        assertEquals(expected, child.get(), "a thread started by a background thread is background too");
        assertEquals(callerBefore, BackgroundPriority.currentNice(), "the caller's own priority is untouched");
    }

    @Test
    void jitCompilerThreadsAreLowered() throws Exception {
        assumeLinux();
        int n = BackgroundPriority.lowerJitThreads();
        assertTrue(n >= 1, "at least one compiler thread: " + n);
        int seen = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path t : tasks) {
                String comm;
                try {
                    comm = Files.readString(t.resolve("comm")).trim();
                } catch (java.nio.file.NoSuchFileException ended) {
                    continue; // a thread that ended while we listed them
                }
                if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")) {
                    seen++;
                    assertTrue(BackgroundPriority.niceOf(Integer.parseInt(t.getFileName().toString())) >= BackgroundPriority.JIT_NICE, comm);
                }
            }
        }
        assertTrue(seen >= 1);
    }
}

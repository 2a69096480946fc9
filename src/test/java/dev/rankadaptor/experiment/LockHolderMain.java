package dev.rankadaptor.experiment;

import java.nio.file.Path;

/** Child process for RunDirectoryTest: takes a run lock, says so, and holds it until killed. */
public final class LockHolderMain {
    private LockHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        RunLock lock = RunLock.acquire(Path.of(args[0]), "child");
        System.out.println("locked " + lock.isHeld());
        System.out.flush();
        Thread.sleep(120_000);
    }
}

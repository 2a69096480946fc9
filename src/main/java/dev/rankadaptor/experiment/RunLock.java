package dev.rankadaptor.experiment;

import dev.rankadaptor.common.UserInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * Exclusive use of a run folder by one process, through an OS file lock on {@code run.lock}. The OS
 * drops the lock when the process dies (even on kill -9), so a crashed run never blocks its
 * resume; the file's text (pid, host, time) only serves the message shown to a second process.
 * Within one JVM a registry refuses a second lock before touching the file, because on POSIX
 * systems closing any descriptor of a locked file would release the lock this process holds.
 */
public final class RunLock implements AutoCloseable {
    private static final Set<Path> HELD = new HashSet<>();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock or fails with a message saying who holds it. */
    public static RunLock acquire(Path lockFile, String runName) {
        Path key = canonical(lockFile);
        synchronized (HELD) {
            if (HELD.contains(key)) {
                throw new UserInputException("run " + runName + " is already open in this process; close it first");
            }
            FileChannel ch = null;
            try {
                ch = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileLock lock;
                try {
                    lock = ch.tryLock();
                } catch (java.nio.channels.OverlappingFileLockException e) {
                    // Locked by this JVM under another name (a link). Closing ch could drop that lock
                    // on POSIX systems, so the descriptor is deliberately left open.
                    throw new UserInputException("run " + runName + " is already open in this process; close it first");
                }
                if (lock == null) {
                    ch.close();
                    throw new UserInputException("run " + runName + " is in use by another process ("
                            + holder(key) + "); wait for it to end or stop it before resuming");
                }
                ch.truncate(0);
                String who = "pid " + ProcessHandle.current().pid() + " on " + hostName() + " since " + Instant.now() + "\n";
                ByteBuffer buf = ByteBuffer.wrap(who.getBytes(StandardCharsets.UTF_8));
                long pos = 0;
                while (buf.hasRemaining()) {
                    pos += ch.write(buf, pos);
                }
                ch.force(false);
                HELD.add(key);
                return new RunLock(key, ch, lock);
            } catch (IOException e) {
                closeQuietly(ch);
                throw new UncheckedIOException("cannot lock " + key + ": " + e.getMessage(), e);
            }
        }
    }

    private static Path canonical(Path lockFile) {
        Path abs = lockFile.toAbsolutePath().normalize();
        try {
            return abs.getParent().toRealPath().resolve(abs.getFileName());
        } catch (IOException e) {
            return abs;
        }
    }

    private static String holder(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).trim();
            return text.isEmpty() ? "holder unknown" : text;
        } catch (IOException e) {
            return "holder unknown";
        }
    }

    private static String hostName() {
        String name = ManagementFactory.getRuntimeMXBean().getName();
        int at = name.indexOf('@');
        return at >= 0 ? name.substring(at + 1) : "unknown host";
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing held
            }
        }
    }

    public Path file() {
        return file;
    }

    public boolean isHeld() {
        return lock.isValid();
    }

    /** Releases the lock; the file stays (deleting it could race with a process about to lock it). */
    @Override
    public void close() {
        synchronized (HELD) {
            if (!HELD.remove(file)) {
                return;
            }
            try {
                lock.release();
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot release " + file + ": " + e.getMessage(), e);
            }
        }
    }
}

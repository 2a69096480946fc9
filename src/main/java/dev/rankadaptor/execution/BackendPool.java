package dev.rankadaptor.execution;

import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.common.CancelledException;
import dev.rankadaptor.experiment.JournalRecord;
import dev.rankadaptor.experiment.RunDirectory;
import dev.rankadaptor.experiment.TrialResultFile;
import dev.rankadaptor.pipeline.TrialPool;
import dev.rankadaptor.pipeline.TrialSpec;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The run's side of parallel trials, the same for every {@link TrialBackend}: a queue in front of the
 * backend's slots, the result files as the only proof of success, retries, and the journal events.
 * An attempt succeeded exactly when its result file exists (whatever the backend says about exit
 * status); otherwise it failed, with the backend's reason and the tail of its log, and is started
 * again until {@code retries} retries are spent, then reported as failed. Everything runs on the
 * coordinator's thread inside {@link #await}; {@link #cancel} and {@link #snapshot} are thread-safe.
 */
public final class BackendPool implements TrialPool {
    /** How often running attempts are polled. */
    static final long POLL_MILLIS = 100;
    private static final int TAIL_LINES = 15;

    private final RunDirectory dir;
    private final TrialBackend backend;
    private final int retries;
    private final Events events;
    private final Deque<Pending> queue = new ArrayDeque<>();
    private final Active[] active;
    private final Deque<Completion> ready = new ArrayDeque<>();
    private final Set<Integer> cancelRequests = ConcurrentHashMap.newKeySet();
    private volatile List<WorkerStatus> snapshot = List.of();
    private int outstanding;

    private record Pending(TrialSpec spec, int attempt, int failures) {
    }

    private record Active(TrialSpec spec, TrialHandle handle, int failures) {
    }

    public BackendPool(RunDirectory dir, TrialBackend backend, int retries, Events events) {
        this.dir = dir;
        this.backend = backend;
        this.retries = retries;
        this.events = events;
        this.active = new Active[backend.slots()];
    }

    @Override
    public int capacity() {
        return active.length;
    }

    @Override
    public int outstanding() {
        return outstanding;
    }

    @Override
    public void submit(TrialSpec spec, List<JournalRecord.TrialDispatched> recorded) {
        outstanding++;
        int last = recorded.stream().mapToInt(JournalRecord.TrialDispatched::attempt).max().orElse(0);
        for (int a = 1; a <= last; a++) {
            Optional<JournalRecord.TrialFinished> done = TrialResultFile.read(dir.trialResultFile(spec.index(), a));
            if (done.isPresent()) {
                ready.add(new Completion(spec, done.get(), null));
                return;
            }
        }
        if (last > 0) {
            JournalRecord.TrialDispatched rec = recorded.stream().filter(r -> r.attempt() == last).reduce((x, y) -> y).orElseThrow();
            int slot = freeSlot();
            if (slot >= 0) {
                Optional<TrialHandle> h = backend.adopt(rec, spec, slot);
                if (h.isPresent()) {
                    active[slot] = new Active(spec, h.get(), 0);
                    publish();
                    return;
                }
            }
        }
        queue.add(new Pending(spec, last + 1, 0));
    }

    @Override
    public Completion await(CancellationToken cancel) {
        if (outstanding == 0 && ready.isEmpty()) {
            throw new IllegalStateException("no trial is outstanding");
        }
        while (true) {
            if (cancel.isCancelled()) {
                stopAll();
                throw new CancelledException();
            }
            handleCancelRequests();
            poll();
            start();
            publish();
            if (!ready.isEmpty()) {
                outstanding--;
                return ready.poll();
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopAll();
                throw new CancelledException();
            }
        }
    }

    @Override
    public void cancel(int index) {
        cancelRequests.add(index);
    }

    @Override
    public List<WorkerStatus> snapshot() {
        return snapshot;
    }

    @Override
    public void close() {
        backend.close();
        snapshot = List.of();
    }

    private void handleCancelRequests() {
        for (Integer index : List.copyOf(cancelRequests)) {
            cancelRequests.remove(index);
            for (var it = queue.iterator(); it.hasNext(); ) {
                Pending p = it.next();
                if (p.spec().index() == index) {
                    it.remove();
                    ready.add(failed(p.spec(), "cancelled by the user", null, p.attempt() - 1));
                }
            }
            for (int s = 0; s < active.length; s++) {
                if (active[s] != null && active[s].spec().index() == index) {
                    backend.cancel(active[s].handle());
                    Active a = active[s];
                    active[s] = null;
                    ready.add(failed(a.spec(), "cancelled by the user", logTail(a.handle()), a.handle().attempt()));
                }
            }
        }
    }

    private void poll() {
        for (int s = 0; s < active.length; s++) {
            Active a = active[s];
            if (a == null) {
                continue;
            }
            JobStatus st = backend.poll(a.handle());
            if (!st.state().ended()) {
                if (!st.where().isEmpty() && !st.where().equals(a.handle().where())) {   // a Slurm job's node, once known
                    TrialHandle h = a.handle();
                    active[s] = new Active(a.spec(), new TrialHandle(h.index(), h.attempt(), h.id(), h.slot(), st.where(),
                            h.startedMillis()), a.failures());
                }
                continue;
            }
            active[s] = null;
            int attempt = a.handle().attempt();
            Optional<JournalRecord.TrialFinished> done;
            String reason;
            try {
                done = TrialResultFile.read(dir.trialResultFile(a.spec().index(), attempt));
                reason = st.state() == JobState.SUCCEEDED ? "the worker ended without writing its result file"
                        : (st.reason().isBlank() ? st.state().name().toLowerCase(java.util.Locale.ROOT) : st.reason());
            } catch (RuntimeException e) {
                done = Optional.empty();
                reason = e.getMessage();
            }
            if (done.isPresent()) {
                ready.add(new Completion(a.spec(), done.get(), null));
            } else {
                attemptFailed(a.spec(), attempt, a.failures(), reason, logTail(a.handle()));
            }
        }
    }

    private void attemptFailed(TrialSpec spec, int attempt, int failuresBefore, String reason, String tail) {
        events.attemptFailed(new JournalRecord.TrialAttemptFailed(spec.index(), attempt, reason, tail));
        int failures = failuresBefore + 1;
        if (failures <= retries) {
            queue.addFirst(new Pending(spec, attempt + 1, failures));
        } else {
            ready.add(failed(spec, reason + " (" + attempt + (attempt == 1 ? " attempt" : " attempts") + ")", tail, attempt));
        }
    }

    private void start() {
        while (!queue.isEmpty()) {
            int slot = freeSlot();
            if (slot < 0) {
                return;
            }
            Pending p = queue.poll();
            TrialHandle h;
            try {
                h = backend.submit(p.spec(), p.attempt(), slot);
            } catch (RuntimeException e) {
                attemptFailed(p.spec(), p.attempt(), p.failures(), "could not start: " + e.getMessage(), null);
                continue;
            }
            events.dispatched(new JournalRecord.TrialDispatched(p.spec().index(), p.attempt(), backend.name(), h.id(), h.where()));
            active[slot] = new Active(p.spec(), h, p.failures());
        }
    }

    private int freeSlot() {
        for (int s = 0; s < active.length; s++) {
            if (active[s] == null) {
                return s;
            }
        }
        return -1;
    }

    private void stopAll() {
        for (int s = 0; s < active.length; s++) {
            if (active[s] != null) {
                backend.cancel(active[s].handle());
                active[s] = null;
            }
        }
        queue.clear();
        publish();
    }

    private Completion failed(TrialSpec spec, String reason, String tail, int attempts) {
        return new Completion(spec, null, new JournalRecord.TrialFailed(spec.index(), reason, tail, attempts));
    }

    private void publish() {
        List<WorkerStatus> out = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (Active a : active) {
            if (a == null) {
                continue;
            }
            TrialSpec s = a.spec();
            out.add(new WorkerStatus(s.index(), s.method().id(), s.adalora() ? "adalora" : Arrays.toString(s.ranks()),
                    "running", a.handle().where(), a.handle().attempt(), (now - a.handle().startedMillis()) / 1000.0,
                    logTail(a.handle())));
        }
        for (Pending p : queue) {
            TrialSpec s = p.spec();
            out.add(new WorkerStatus(s.index(), s.method().id(), s.adalora() ? "adalora" : Arrays.toString(s.ranks()),
                    p.failures() > 0 ? "retrying" : "queued", "", p.attempt(), 0, ""));
        }
        snapshot = List.copyOf(out);
    }

    private String logTail(TrialHandle h) {
        return tail(dir.trialLogFile(h.index(), h.attempt()), TAIL_LINES);
    }

    /** The last {@code lines} lines of a text file (at most 8 KiB read), "" when it does not exist. */
    static String tail(Path file, int lines) {
        if (!Files.isRegularFile(file)) {
            return "";
        }
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long len = f.length();
            int n = (int) Math.min(len, 8192);
            byte[] buf = new byte[n];
            f.seek(len - n);
            f.readFully(buf);
            String[] all = new String(buf, StandardCharsets.UTF_8).replace("\r", "\n").split("\n");
            List<String> kept = new ArrayList<>();
            for (int i = all.length - 1; i >= 0 && kept.size() < lines; i--) {
                if (!all[i].isBlank()) {
                    kept.add(0, all[i]);
                }
            }
            return String.join("\n", kept);
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }
}

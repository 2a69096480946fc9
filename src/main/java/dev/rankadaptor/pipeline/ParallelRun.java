package dev.rankadaptor.pipeline;

import dev.rankadaptor.experiment.RecoveryMethod;
import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.common.UserInputException;
import dev.rankadaptor.experiment.ExecutionSection;
import dev.rankadaptor.experiment.JournalEntry;
import dev.rankadaptor.experiment.JournalReader;
import dev.rankadaptor.experiment.JournalRecord;
import dev.rankadaptor.experiment.RunDirectory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The coordinator's side of a run whose trials execute in a {@link TrialPool}: it appends the
 * pool's events to the journal (the only writer), turns completions into trial_finished /
 * trial_failed records in arrival order, and knows what the journal said when the run was resumed
 * (trials started and not finished, with their dispatch records, are handed back to the pool to be
 * adopted or re-run under their own index).
 */
final class ParallelRun implements AutoCloseable {
    private final RunDirectory dir;
    private final dev.rankadaptor.experiment.Journal journal;
    private final RunListener listener;
    private RunContext ctx;
    private final TrialPool pool;
    private final Map<Integer, List<JournalRecord.TrialDispatched>> dispatches = new HashMap<>();
    private final Map<Integer, JournalRecord.TrialStarted> unfinished = new LinkedHashMap<>();
    private final List<JournalRecord> atStart = new ArrayList<>();

    private ParallelRun(RunDirectory dir, dev.rankadaptor.experiment.Journal journal, RunListener listener, TrialPool pool,
                        List<JournalEntry> entries) {
        this.dir = dir;
        this.journal = journal;
        this.listener = listener;
        this.pool = pool;
        Set<Integer> ended = new HashSet<>();
        for (JournalEntry e : entries) {
            JournalRecord r = e.record();
            atStart.add(r);
            if (r instanceof JournalRecord.TrialDispatched d) {
                dispatches.computeIfAbsent(d.index(), k -> new ArrayList<>()).add(d);
            } else if (r instanceof JournalRecord.TrialStarted t) {
                unfinished.put(t.index(), t);
            } else if (r instanceof JournalRecord.TrialFinished f) {
                ended.add(f.index());
            } else if (r instanceof JournalRecord.TrialFailed f) {
                ended.add(f.index());
            }
        }
        ended.forEach(unfinished::remove);
    }

    /**
     * Opens the run's pool before anything else runs, so a backend that cannot work (a missing
     * {@code sbatch}, a cluster that does not answer) refuses the run at its start with the backend's message.
     */
    static ParallelRun open(RunDirectory dir, ExecutionSection execution, TrialPool.Factory factory,
                            dev.rankadaptor.experiment.Journal journal, RunListener listener) {
        if (factory == null) {
            throw new UserInputException("execution.backend " + execution.backend().id()
                    + " needs the execution layer; start the run from the command line or the workbench");
        }
        List<JournalEntry> entries = JournalReader.read(dir.journalFile()).entries();
        TrialPool pool = factory.open(dir, execution, new TrialPool.Events() {
            @Override
            public void dispatched(JournalRecord.TrialDispatched record) {
                journal.append(record);
                listener.log("trial " + record.index() + " attempt " + record.attempt() + " on "
                        + (record.worker().isEmpty() ? record.backend() : record.worker()) + " (" + record.backend()
                        + " " + record.handle() + ")");
            }

            @Override
            public void attemptFailed(JournalRecord.TrialAttemptFailed record) {
                journal.append(record);
                listener.log("trial " + record.index() + " attempt " + record.attempt() + " failed: " + record.reason());
            }
        });
        listener.log("trials run on the " + execution.backend().id() + " backend, " + pool.capacity() + " at once");
        listener.workersStarted(pool);
        return new ParallelRun(dir, journal, listener, pool, entries);
    }

    /** The run's shared state, once the pruned model is loaded. */
    ParallelRun bind(RunContext context) {
        this.ctx = context;
        return this;
    }

    int capacity() {
        return pool.capacity();
    }

    int outstanding() {
        return pool.outstanding();
    }

    /** Journal records as they were when this coordinator started, in order. */
    List<JournalRecord> journalAtStart() {
        return atStart;
    }

    /** Trials started before this coordinator and neither finished nor failed, matching {@code which}. */
    List<JournalRecord.TrialStarted> unfinished(Predicate<JournalRecord.TrialStarted> which) {
        return unfinished.values().stream().filter(which).toList();
    }

    /** Journals a new trial and hands it to the pool. */
    void start(JournalRecord.TrialStarted started, boolean finalSubset, Path exportTo) {
        ctx.journal().append(started);
        ctx.listener().trialStarted(started);
        submit(started, finalSubset, exportTo);
    }

    /** Hands a trial journalled earlier (by this or a previous coordinator) to the pool. */
    void submit(JournalRecord.TrialStarted started, boolean finalSubset, Path exportTo) {
        boolean adalora = started.method() == RecoveryMethod.ADALORA && started.phase() == RepeatStage.PHASE;
        TrialSpec spec = new TrialSpec(dir.path(), started.index(), started.method(), started.phase(),
                adalora ? null : started.rankArray(), started.seed(), finalSubset, exportTo, started.predicted());
        pool.submit(spec, dispatches.getOrDefault(started.index(), List.of()));
        unfinished.remove(started.index());
    }

    /** The next completion, journalled (trial_finished or trial_failed) before it is returned. */
    TrialPool.Completion await(CancellationToken cancel) {
        TrialPool.Completion c = pool.await(cancel);
        if (c.result() != null) {
            JournalRecord.TrialFinished w = c.result();
            TrialSpec s = c.spec();
            JournalRecord.TrialFinished rec = new JournalRecord.TrialFinished(s.index(), s.phase(), s.method(), w.ranks(),
                    s.seed(), s.predicted(), w.score(), w.taskScores(), w.loss(), w.trainSeconds(), w.evalSeconds(), w.device());
            ctx.journal().append(rec);
            ctx.remember(rec);
            ctx.listener().trialFinished(rec);
            return new TrialPool.Completion(s, rec, null);
        }
        ctx.journal().append(c.failure());
        ctx.listener().log("trial " + c.failure().index() + " failed: " + c.failure().message()
                + (c.failure().logTail() == null || c.failure().logTail().isBlank() ? "" : "\n" + c.failure().logTail()));
        ctx.listener().trialFailed(c.failure());
        return c;
    }

    @Override
    public void close() {
        pool.close();
    }

    /** Closes the run's pool, if one was opened, when the stages end (normally or not). */
    static final class Closer implements AutoCloseable {
        private final ParallelRun opened;

        Closer(ParallelRun opened) {
            this.opened = opened;
        }

        /** The pool bound to the run's context, or null for in-process trials. */
        ParallelRun bind(RunContext ctx) {
            return opened == null ? null : opened.bind(ctx);
        }

        @Override
        public void close() {
            if (opened != null) {
                opened.close();
            }
        }
    }
}

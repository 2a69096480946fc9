package dev.rankadaptor.pipeline;

import dev.rankadaptor.experiment.RecoveryMethod;
import dev.rankadaptor.search.TrialPhase;
import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.experiment.JournalRecord;
import dev.rankadaptor.experiment.ProjectFile;
import dev.rankadaptor.experiment.RunDirectory;
import dev.rankadaptor.experiment.JournalState;
import dev.rankadaptor.search.SearchControl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Re-runs each method's final configuration with R seeds on the final evaluation subset, so
 * every method is reported as mean ± std over the same seeds and differences can be compared with
 * the run-to-run noise. (method, seed) pairs already in the journal are not run again.
 */
final class RepeatStage {
    static final TrialPhase PHASE = TrialPhase.REPEAT;
    private final RunDirectory dir;
    private final ProjectFile pf;
    private final RunContext ctx;
    private final JournalState state;
    private final CancellationToken cancel;
    private final SearchControl control;

    RepeatStage(RunDirectory dir, ProjectFile pf, RunContext ctx, JournalState state, SearchControl control) {
        this.dir = dir;
        this.pf = pf;
        this.ctx = ctx;
        this.state = state;
        this.control = control;
        this.cancel = control.token();
    }

    /** The configurations each method is measured with (AdaLoRA's ranks come out of its training). */
    /** {@code modelPick} is R* (null when the search fitted no model). */
    Map<RecoveryMethod, int[]> configurations(int[] rankAdaptorBest, int[] randomBest, int[] modelPick) {
        int layers = ctx.workspace().numLayers();
        Map<RecoveryMethod, int[]> m = new LinkedHashMap<>();
        List<String> baselines = pf.project().baselines();
        if (baselines.contains(RecoveryMethod.LORA_UNIFORM.id())) {
            m.put(RecoveryMethod.LORA_UNIFORM, MethodRanks.uniform(layers, ctx.baseRank()));
        }
        if (baselines.contains(RecoveryMethod.LORA_STAR.id())) {
            m.put(RecoveryMethod.LORA_STAR, MethodRanks.loraStar(layers));
        }
        if (baselines.contains(RecoveryMethod.ADALORA.id())) {
            m.put(RecoveryMethod.ADALORA, null);
        }
        if (randomBest != null) {
            m.put(RecoveryMethod.RANDOM_SEARCH, randomBest);
        }
        m.put(RecoveryMethod.RANKADAPTOR, rankAdaptorBest);
        if (modelPick != null) {
            m.put(RecoveryMethod.RANKADAPTOR_PICK, modelPick);
        }
        return m;
    }

    void runAll(int[] rankAdaptorBest, int[] randomBest, int[] modelPick) {
        long[] seeds = pf.project().search().repeatSeeds(pf.project().seed());
        for (Map.Entry<RecoveryMethod, int[]> e : configurations(rankAdaptorBest, randomBest, modelPick).entrySet()) {
            for (int s = 0; s < seeds.length; s++) {
                waitWhilePaused();
                cancel.throwIfCancelled();
                if (!done(e.getKey(), seeds[s])) {
                    runOne(e.getKey(), e.getValue(), seeds[s], s == 0);
                }
            }
        }
    }

    /**
     * The same repeats with trials in a pool: up to its capacity at once, each recorded as it arrives;
     * repeats a previous coordinator left running are handed back to the pool under their own index.
     */
    void runAllParallel(ParallelRun par, int[] rankAdaptorBest, int[] randomBest, int[] modelPick) {
        long[] seeds = pf.project().search().repeatSeeds(pf.project().seed());
        java.util.Set<String> running = new java.util.HashSet<>();
        for (JournalRecord.TrialStarted t : par.unfinished(t -> t.phase() == PHASE)) {
            running.add(t.method() + "@" + t.seed());
            par.submit(t, true, exportTo(t.method(), t.seed() == seeds[0]));
        }
        java.util.Deque<Object[]> todo = new java.util.ArrayDeque<>();
        for (Map.Entry<RecoveryMethod, int[]> e : configurations(rankAdaptorBest, randomBest, modelPick).entrySet()) {
            for (int s = 0; s < seeds.length; s++) {
                if (!done(e.getKey(), seeds[s]) && !running.contains(e.getKey() + "@" + seeds[s])) {
                    todo.add(new Object[]{e.getKey(), e.getValue(), seeds[s], s == 0});
                }
            }
        }
        while (!todo.isEmpty() || par.outstanding() > 0) {
            cancel.throwIfCancelled();
            if (par.outstanding() == 0) {
                waitWhilePaused();
                cancel.throwIfCancelled();
            }
            while (!todo.isEmpty() && par.outstanding() < par.capacity() && !control.isPaused()) {
                Object[] t = todo.poll();
                RecoveryMethod method = (RecoveryMethod) t[0];
                int[] ranks = (int[]) t[1];
                int[] shown = ranks != null ? ranks : MethodRanks.uniform(ctx.workspace().numLayers(), ctx.baseRank());
                par.start(new JournalRecord.TrialStarted(ctx.nextTrialIndex(), PHASE, method, SearchJournalBridge.box(shown),
                        (Long) t[2], null), true, exportTo(method, (Boolean) t[3]));
            }
            if (par.outstanding() > 0) {
                par.await(cancel);
            }
        }
    }

    private Path exportTo(RecoveryMethod method, boolean firstSeed) {
        return firstSeed && method != RecoveryMethod.RANDOM_SEARCH ? dir.adapterDir(method.id()) : null;
    }

    /** Pause applies between repeat trials too: wait until resumed (or cancelled). */
    private void waitWhilePaused() {
        if (!control.isPaused()) {
            return;
        }
        ctx.journal().append(new JournalRecord.RunPaused("paused by the user during the repeats"));
        ctx.listener().log("paused; resume continues with the next repeat trial");
        ctx.listener().paused("paused between repeat trials");
        while (control.isPaused() && !cancel.isCancelled()) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                control.cancel();
            }
        }
    }

    private boolean done(RecoveryMethod method, long seed) {
        return state.finished().stream().anyMatch(t -> t.phase() == PHASE && t.method() == method && t.seed() == seed);
    }

    private void runOne(RecoveryMethod method, int[] ranks, long seed, boolean export) {
        int index = ctx.nextTrialIndex();
        int[] shown = ranks != null ? ranks : MethodRanks.uniform(ctx.workspace().numLayers(), ctx.baseRank());
        JournalRecord.TrialStarted started = new JournalRecord.TrialStarted(index, PHASE, method,
                SearchJournalBridge.box(shown), seed, null);
        ctx.journal().append(started);
        ctx.listener().trialStarted(started);
        Path exportTo = exportTo(method, export);
        TrialStepForwarder steps = new TrialStepForwarder(ctx.listener(), index, ctx.workspace().runFolder());
        TrialMeasurement m = ranks == null
                ? ctx.workspace().adalora(seed, ctx.finalSubset(), steps, cancel, exportTo)
                : ctx.workspace().lora(ranks, seed, ctx.finalSubset(), steps, cancel, exportTo);
        JournalRecord.TrialFinished rec = new JournalRecord.TrialFinished(index, PHASE, method,
                SearchJournalBridge.box(m.finalRanks()), seed, null, m.score(), m.taskScores(), m.loss(),
                m.trainSeconds(), m.evalSeconds(), ctx.workspace().device());
        ctx.journal().append(rec);
        ctx.listener().trialFinished(rec);
    }

    /** Repeat records per method id, from a replayed state. */
    static Map<String, List<JournalRecord.TrialFinished>> byMethod(JournalState state) {
        Map<String, List<JournalRecord.TrialFinished>> out = new LinkedHashMap<>();
        for (RecoveryMethod m : RecoveryMethod.values()) {
            List<JournalRecord.TrialFinished> list = new ArrayList<>();
            for (JournalRecord.TrialFinished t : state.finished()) {
                if (t.phase() == PHASE && t.method() == m) {
                    list.add(t);
                }
            }
            if (!list.isEmpty()) {
                out.put(m.id(), list);
            }
        }
        return out;
    }
}

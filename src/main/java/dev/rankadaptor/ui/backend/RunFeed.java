package dev.rankadaptor.ui.backend;

import dev.rankadaptor.pipeline.ParameterCounter;
import dev.rankadaptor.recover.PrunableLayers;
import dev.rankadaptor.experiment.RecoveryMethod;
import dev.rankadaptor.experiment.JournalRecord;
import dev.rankadaptor.pipeline.RunListener;
import dev.rankadaptor.pipeline.RunPhase;
import dev.rankadaptor.search.ModelUpdate;
import dev.rankadaptor.train.TrainingListener;
import dev.rankadaptor.ui.exec.UiExecutor;
import dev.rankadaptor.ui.trials.TrialRow;
import dev.rankadaptor.ui.state.WorkbenchPanels;
import dev.rankadaptor.ui.state.WorkbenchState;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The one place where the run's worker-thread callbacks become view-model updates. Every callback
 * only queues its event and triggers one coalesced drain on the UI thread, so however fast the run
 * reports (a loss value per optimizer step), the UI does at most one update per pulse, and the
 * worker never waits for the UI. Trials, baselines and importance go into the window's
 * {@link WorkbenchState}; log, progress, state and loss curve into the Run panel. The update rate
 * is the executor's business ({@link UiExecutor#coalescing(Runnable, long)}).
 */
public final class RunFeed implements RunListener {
    private final WorkbenchPanels vm;
    private final WorkbenchState state;
    private final Runnable drain;
    private final ConcurrentLinkedQueue<Object> events = new ConcurrentLinkedQueue<>();
    private final AtomicReference<ModelUpdate> model = new AtomicReference<>();
    private final int expectedTrials;
    private final Consumer<JournalRecord.TrialFinished> onTrialFinished;
    private final Map<String, List<Double>> baselineScores = new HashMap<>();
    private final long startNanos = System.nanoTime();
    private int finishedCount;
    private int finishedAtStart = -1;
    private Runnable onPaused = () -> { };

    /** Called on the UI thread when the search has actually paused. */
    public void setOnPaused(Runnable action) {
        this.onPaused = action == null ? () -> { } : action;
    }

    /**
     * @param expectedTrials  trials the whole run will measure (for progress and ETA; an estimate)
     * @param onTrialFinished called on the UI thread after each finished trial was shown
     */
    public RunFeed(UiExecutor executor, WorkbenchPanels vm, int expectedTrials, int alreadyFinished,
                   Consumer<JournalRecord.TrialFinished> onTrialFinished) {
        this.vm = vm;
        this.state = vm.state();
        this.expectedTrials = Math.max(1, expectedTrials);
        this.finishedCount = alreadyFinished;
        this.onTrialFinished = onTrialFinished;
        this.drain = executor.coalescing(this::drainNow, MIN_UPDATE_INTERVAL_MS);
    }

    private record Phase(RunPhase phase, String detail) {
    }

    private record Started(int index, String method, String phase) {
    }

    private record Step(int trial, int step, double loss) {
    }

    private record Log(String line) {
    }

    /** The per-step losses of a trial trained elsewhere (a worker process or a Slurm job), read from its loss.json. */
    private record FinishedCurve(int trial, double[] losses) {
    }

    private final java.util.Set<Integer> streamedTrials = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private record Paused(String detail) {
    }

    private record Failed(JournalRecord.TrialFailed failure) {
    }

    private record Workers(dev.rankadaptor.pipeline.TrialPool pool) {
    }

    private final Map<Integer, JournalRecord.TrialStarted> startedTrials = new java.util.concurrent.ConcurrentHashMap<>();

    private void post(Object event) {
        events.add(event);
        drain.run();
    }

    @Override
    public void phase(RunPhase phase, String detail) {
        post(new Phase(phase, detail));
    }

    @Override
    public void trialStarted(JournalRecord.TrialStarted trial) {
        startedTrials.put(trial.index(), trial);
        post(new Started(trial.index(), RecoveryMethod.idOf(trial.method()), trial.phase().id()));
    }

    @Override
    public void trainingStep(int trialIndex, TrainingListener.StepEvent step) {
        streamedTrials.add(trialIndex);
        post(new Step(trialIndex, step.step(), step.loss()));
    }

    @Override
    public void trialFinished(JournalRecord.TrialFinished trial) {
        ParameterCounter.forRun(runFolder, snapshot); // loads on this (run) thread, so the FX thread only reads the cache
        java.nio.file.Path folder = runFolder;
        if (folder != null && !streamedTrials.contains(trial.index())) {
            // trained in a worker: its steps never reached this process, but its loss history is in the run folder
            try {
                dev.rankadaptor.experiment.TrialLossHistory.read(dev.rankadaptor.experiment.TrialLossHistory.file(folder, trial.index()))
                        .ifPresent(h -> post(new FinishedCurve(trial.index(), h.losses())));
            } catch (dev.rankadaptor.common.UserInputException damaged) {
                post(new Log("loss curve of trial " + trial.index() + " not shown: " + damaged.getMessage()));
            }
        }
        post(trial);
    }

    private volatile java.nio.file.Path runFolder;
    private volatile dev.rankadaptor.experiment.ProjectFile snapshot;

    /** The run whose pruned model gives each trial's trainable-parameter count in the trials table. */
    public void setRun(java.nio.file.Path folder, dev.rankadaptor.experiment.ProjectFile snap) {
        this.runFolder = folder;
        this.snapshot = snap;
    }

    @Override
    public void modelUpdated(ModelUpdate update) {
        model.set(update);
        drain.run();
    }

    @Override
    public void log(String message) {
        post(new Log(message));
    }

    @Override
    public void paused(String detail) {
        post(new Paused(detail));
    }

    @Override
    public void trialFailed(JournalRecord.TrialFailed failure) {
        post(new Failed(failure));
    }

    @Override
    public void workersStarted(dev.rankadaptor.pipeline.TrialPool pool) {
        post(new Workers(pool));
    }

    @Override
    public void finished(dev.rankadaptor.pipeline.RunOutcome outcome) {
        post(new Workers(null));
    }

    /**
     * Least time between two UI updates. Every update dirties the scene, and a dirty scene is
     * rendered before the next pulse; with software rendering on a busy machine one render takes
     * tens of milliseconds, so updating on every pulse would stretch the pulses themselves.
     */
    public static final long MIN_UPDATE_INTERVAL_MS = 200;
    private volatile long maxApplyNanos;

    /** Applies everything queued so far (UI thread); the executor calls it at most once per {@link #MIN_UPDATE_INTERVAL_MS}. */
    public void drainNow() {
        long now = System.nanoTime();
        vm.run().batchLog(this::applyQueued);
        maxApplyNanos = Math.max(maxApplyNanos, System.nanoTime() - now);
    }

    /** The longest single UI update this feed made, in milliseconds (what the run costs the UI thread directly). */
    public double maxUpdateMillis() {
        return maxApplyNanos / 1e6;
    }

    private void applyQueued() {
        List<TrialRow> newRows = new ArrayList<>();
        List<JournalRecord.TrialFinished> done = new ArrayList<>();
        List<Double> steps = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        Object e;
        while ((e = events.poll()) != null) {
            if (e instanceof Phase p) {
                vm.run().onLog("[" + p.phase() + "] " + p.detail());
                if (vm.run().getState() == dev.rankadaptor.ui.run.RunState.RUNNING) {
                    vm.run().messageProperty().set(p.phase().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                            + ": " + p.detail());
                }
            } else if (e instanceof Started s) {
                flushLoss(steps, losses);
                vm.loss().startTrial(s.index());
                vm.run().onLog("trial " + s.index() + " started (" + s.method() + ", " + s.phase() + ")");
            } else if (e instanceof Step st) {
                if (st.trial() != vm.loss().trialProperty().get()) {
                    flushLoss(steps, losses);
                    vm.loss().startTrial(st.trial());
                }
                steps.add((double) st.step());
                losses.add(st.loss());
            } else if (e instanceof FinishedCurve c) {
                flushLoss(steps, losses);
                vm.loss().startTrial(c.trial());
                for (int i = 0; i < c.losses().length; i++) {
                    steps.add((double) (i + 1));
                    losses.add(c.losses()[i]);
                }
                flushLoss(steps, losses);
            } else if (e instanceof JournalRecord.TrialFinished t) {
                done.add(t);
                if (JournalRows.isSearchTrial(t)) {
                    newRows.add(JournalRows.trialRow(t, ParameterCounter.forRun(runFolder, null)));
                } else {
                    baselineScores.computeIfAbsent(RecoveryMethod.idOf(t.method()), k -> new ArrayList<>()).add(t.score());
                }
                vm.run().onLog(String.format("trial %d finished (%s, %s): score %.4f%s", t.index(), t.method(), t.phase(),
                        t.score(), t.predicted() == null ? "" : String.format(", predicted %.4f", t.predicted())));
            } else if (e instanceof Failed f) {
                JournalRecord.TrialStarted st = startedTrials.get(f.failure().index());
                if (st != null && JournalRows.isSearchTrial(st)) {
                    newRows.add(JournalRows.failedRow(st, f.failure()));
                }
            } else if (e instanceof Workers w) {
                if (w.pool() == null) {
                    vm.run().workers().detach();
                } else {
                    vm.run().workers().attach(w.pool());
                }
            } else if (e instanceof Log l) {
                vm.run().onLog(l.line());
            } else if (e instanceof Paused) {
                onPaused.run();
            }
        }
        flushLoss(steps, losses);
        if (!newRows.isEmpty()) {
            state.trials().addAll(newRows);
        }
        for (Map.Entry<String, Double> b : baselineMeans().entrySet()) {
            if (!b.getValue().equals(state.baselines().get(b.getKey()))) {
                state.baselines().put(b.getKey(), b.getValue());
            }
        }
        ModelUpdate m = model.getAndSet(null);
        if (m != null) {
            state.importanceProperty().set(perModelLayer(m.importance().meanAbsEffect()));
            vm.run().onLog(String.format("performance model updated on %d trials (train MSE %.2e, %d ms)",
                    m.trialCount(), m.trainMse(), m.trainMillis()));
        }
        if (!done.isEmpty()) {
            if (finishedAtStart < 0) {
                finishedAtStart = finishedCount;
            }
            finishedCount += done.size();
            double elapsed = (System.nanoTime() - startNanos) / 1e9;
            int doneHere = finishedCount - finishedAtStart;
            int left = Math.max(0, expectedTrials - finishedCount);
            vm.run().onTrialCount(finishedCount, expectedTrials);
            vm.run().onProgress(finishedCount / (double) expectedTrials,
                    doneHere > 0 ? Duration.ofMillis((long) (1000 * elapsed / doneHere * left)) : null);
            done.forEach(onTrialFinished);
        }
    }

    /**
     * The search model's importance is per searched (prunable) layer; the chart's x axis is the
     * model's layer index, so protected layers show 0 (they have no searched rank).
     */
    private double[] perModelLayer(double[] perSearched) {
        PrunableLayers map = searchedLayers;
        if (map == null || map.size() != perSearched.length) {
            return perSearched;
        }
        return map.toFull(perSearched, 0);
    }

    /** Tells the feed which model layers the search's rank vector covers (for the importance chart). */
    public void setSearchedLayers(PrunableLayers layers) {
        this.searchedLayers = layers;
    }

    private volatile PrunableLayers searchedLayers;

    private void flushLoss(List<Double> steps, List<Double> losses) {
        if (!steps.isEmpty()) {
            vm.loss().append(steps.stream().mapToDouble(Double::doubleValue).toArray(),
                    losses.stream().mapToDouble(Double::doubleValue).toArray());
            steps.clear();
            losses.clear();
        }
    }

    private Map<String, Double> baselineMeans() {
        Map<String, Double> out = new LinkedHashMap<>();
        baselineScores.forEach((k, v) -> out.put(k, v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN)));
        return out;
    }

    /** Seeds the baseline lines with trials replayed from the journal (resume). */
    public void seedBaselines(List<JournalRecord.TrialFinished> finished) {
        for (JournalRecord.TrialFinished t : finished) {
            if (!JournalRows.isSearchTrial(t)) {
                baselineScores.computeIfAbsent(RecoveryMethod.idOf(t.method()), k -> new ArrayList<>()).add(t.score());
            }
        }
    }
}

package dev.rankadaptor.ui;

import dev.rankadaptor.search.TrialPhase;
import dev.rankadaptor.experiment.JournalRecord;
import dev.rankadaptor.experiment.ProjectFile;
import dev.rankadaptor.experiment.RecoveryMethod;
import dev.rankadaptor.pipeline.TinyProjectFixture;
import dev.rankadaptor.ui.backend.ProjectSession;
import dev.rankadaptor.ui.results.ResultsRow;
import dev.rankadaptor.ui.results.ResultsViewModel;
import dev.rankadaptor.ui.run.RunState;
import dev.rankadaptor.ui.trials.TrialRow;
import dev.rankadaptor.ui.workbench.WorkbenchView;
import javafx.animation.AnimationTimer;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import org.controlsfx.control.RangeSlider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The workbench over the real pipeline, headless: open a tiny project, edit the pruning plan,
 * run a short search with pause / resume / cancel, reopen the cancelled run from its journal and
 * resume it to the end, export the results table; all the while an AnimationTimer records the
 * longest gap between FX pulses.
 */
class WorkbenchLiveRunTest extends WiredWorkbenchFxTest {
    /** Longest allowed gap between two FX pulses while the search runs. */
    static final long MAX_PULSE_GAP_MS = 100;

    @TempDir
    Path tmp;
    private final PulseMeter meter = new PulseMeter();
    private final List<String> marks = new java.util.ArrayList<>();

    @AfterEach
    void stopMeter() {
        meter.stop();
    }

    /** Records the longest gap between consecutive pulses (an AnimationTimer runs once per pulse). */
    static final class PulseMeter extends AnimationTimer {
        private long last;
        volatile long maxGapNanos;
        volatile long pulses;
        private long first;
        final java.util.List<String> slow = new java.util.concurrent.CopyOnWriteArrayList<>();
        final java.util.List<long[]> gaps = new java.util.concurrent.CopyOnWriteArrayList<>();
        final PulseGapProbe probe = "true".equals(System.getenv("RANKADAPTOR_PULSE_PROBE")) ? new PulseGapProbe() : null;

        /** Prints what the probe saw during each slow gap (only with RANKADAPTOR_PULSE_PROBE=true). */
        void explainGaps() {
            if (probe != null) {
                for (long[] g : gaps) {
                    System.out.printf("[pulse] gap %.0f ms: %s%n", (g[1] - g[0]) / 1e6, probe.explain(g[0], g[1]));
                }
            }
        }

        private final java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        private long lastCpu;
        /** Most CPU time the FX thread itself used between two pulses (independent of other load). */
        volatile long maxFxCpuNanos;

        @Override
        public void handle(long now) {
            long cpu = mx.getCurrentThreadCpuTime();
            if (last != 0) {
                maxFxCpuNanos = Math.max(maxFxCpuNanos, cpu - lastCpu);
                if (cpu - lastCpu > 30_000_000L) {
                    slow.add(String.format("FX busy %.0f ms before +%.0f ms", (cpu - lastCpu) / 1e6, (now - first) / 1e6));
                }
                maxGapNanos = Math.max(maxGapNanos, now - last);
                if (now - last > 50_000_000L) {
                    long t0 = first;
                    slow.add(String.format("%.0f ms gap at +%.0f ms", (now - last) / 1e6, (now - t0) / 1e6));
                    gaps.add(new long[] {last, now});
                }
            } else {
                first = now;
            }
            last = now;
            lastCpu = cpu;
            pulses++;
        }

        void reset() {
            last = 0;
            slow.clear();
            gaps.clear();
            maxGapNanos = 0;
            maxFxCpuNanos = 0;
            pulses = 0;
        }

        long sinceStart() {
            return first == 0 ? -1 : (System.nanoTime() - first) / 1_000_000;
        }

        double maxGapMillis() {
            return maxGapNanos / 1e6;
        }
    }

    private void await(String what, long seconds, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            fail("timed out after " + seconds + " s waiting for " + what + "; session: " + wb.session().state().statusProperty().get()
                    + "; checkpoint: " + wb.vm().checkpoint().errorProperty().get() + "; pruning: "
                    + wb.vm().pruning().errorProperty().get() + "; run: " + wb.vm().run().getState() + " "
                    + wb.vm().run().messageProperty().get() + "; log tail: "
                    + wb.vm().run().log().subList(Math.max(0, wb.vm().run().log().size() - 5), wb.vm().run().log().size()));
        }
    }

    private <T> T onFx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }

    private int trialCount() throws Exception {
        return onFx(() -> wb.vm().trials().trials().size());
    }

    private RunState state() throws Exception {
        return onFx(() -> wb.vm().run().getState());
    }

    @Test
    void openEditRunPauseResumeCancelReopenFinishAndExport(FxRobot robot) throws Exception {
        ProjectFile pf = TinyProjectFixture.create(tmp.resolve("proj"), 8, 1, List.of(RecoveryMethod.LORA_UNIFORM.id()));
        robot.interact(() -> wb.session().load(pf.path()));
        await("checkpoint and plan", 60, () -> wb.vm().checkpoint().summaryProperty().get() != null
                && wb.vm().pruning().planProperty().get() != null);
        assertEquals(4, wb.vm().checkpoint().summaryProperty().get().layout().size());
        assertTrue(wb.vm().checkpoint().describe().contains("inference"), wb.vm().checkpoint().describe());

        // pruning: the fixture prunes layers 1..2 at local ratio 0.5; the plan follows ratio and range
        robot.interact(() -> wb.view().show(WorkbenchView.PRUNING));
        assertEquals(1, wb.vm().pruning().firstPrunableProperty().get());
        assertEquals(2, wb.vm().pruning().lastPrunableProperty().get());
        long before = wb.vm().pruning().parametersBefore();
        long atHalf = wb.vm().pruning().parametersAfter();
        assertTrue(atHalf < before, atHalf + " < " + before);
        TextField ratio = robot.lookup("#pruning-ratio-field").queryAs(TextField.class);
        robot.interact(() -> ratio.setText("0.25"));
        await("plan at 0.25", 20, () -> wb.vm().pruning().parametersAfter() > atHalf);
        long atQuarter = wb.vm().pruning().parametersAfter();
        RangeSlider layers = robot.lookup("#pruning-layers").queryAs(RangeSlider.class);
        robot.interact(() -> layers.setLowValue(2));
        await("plan with layer 1 protected", 20, () -> wb.vm().pruning().firstPrunableProperty().get() == 2
                && wb.vm().pruning().parametersAfter() > atQuarter);
        robot.interact(() -> {
            layers.setLowValue(1);
            ratio.setText("0.5");
        });
        await("plan back at the fixture's settings", 20, () -> wb.vm().pruning().parametersAfter() == atHalf);

        // run: live trials, heatmap, scatter, loss curve; pause, resume, cancel
        robot.interact(() -> wb.view().show(WorkbenchView.RUN));
        robot.interact(meter::start);
        Thread.sleep(2000);
        double idleGap = meter.maxGapMillis();
        robot.interact(meter::reset);
        marks.add("start " + meter.sinceStart());
        robot.clickOn("#run-start");
        await("two search trials", 120, () -> wb.vm().trials().trials().size() >= 2);
        assertTrue(onFx(() -> wb.vm().loss().received()) > 0, "the loss curve received the trials' steps");
        marks.add("pause " + meter.sinceStart());
        robot.clickOn("#run-pause");
        await("paused", 60, () -> wb.vm().run().getState() == RunState.PAUSED);
        int paused = trialCount();
        Thread.sleep(1500);
        assertEquals(paused, trialCount(), "no trial finishes while paused");
        assertTrue(onFx(() -> wb.view().charts().trialHeatmap().cellCount()) > 0, "heatmap filled");
        marks.add("cancel " + meter.sinceStart());
        robot.clickOn("#run-cancel");
        await("cancelled", 60, () -> wb.vm().run().getState() == RunState.CANCELLED);
        double runGap = meter.maxGapMillis();
        double runFxCpu = meter.maxFxCpuNanos / 1e6;
        long runPulses = meter.pulses;

        // reopen the cancelled run from its journal: nothing lost
        Path runFolder = onFx(() -> wb.session().state().currentRunProperty().get());
        assertNotNull(runFolder);
        await("run reopened", 30, () -> wb.session().state().statusProperty().get().startsWith("run "));
        int shown = trialCount();
        ProjectSession.Replayed replayed = ProjectSession.replay(runFolder);
        List<JournalRecord.TrialFinished> journalSearch = replayed.state().finished().stream()
                .filter(t -> t.method().equals(RecoveryMethod.RANKADAPTOR) && t.phase() != TrialPhase.REPEAT).toList();
        assertTrue(shown >= 2, "search trials before cancel: " + shown);
        assertEquals(journalSearch.size(), shown, "trials shown = search trials in the journal");
        Set<Integer> keptIndices = journalSearch.stream().map(JournalRecord.TrialFinished::index).collect(Collectors.toSet());

        // resume from the journal to the end: the earlier trials stay, results fill
        System.out.println("[pulse] marks " + marks);
        System.out.println("[pulse] first run, gaps over 50 ms: " + meter.slow);
        meter.explainGaps();
        marks.clear();
        meter.reset();
        robot.clickOn("#run-resume-journal");
        // pause the resumed run at once (it is still loading, so it stops after its first new trial) and resume it
        robot.interact(() -> wb.vm().run().pause());
        await("resumed run paused", 60, () -> wb.vm().run().getState() == RunState.PAUSED);
        int pausedAgain = trialCount();
        assertTrue(pausedAgain >= shown, "the resumed run keeps the journal's trials");
        Thread.sleep(1500);
        assertEquals(pausedAgain, trialCount(), "no trial finishes while paused");
        marks.add("resume " + meter.sinceStart());
        robot.clickOn("#run-resume");
        await("a trial after resume", 60, () -> wb.vm().trials().trials().size() > pausedAgain);
        await("scatter has a predicted trial", 60, () -> wb.view().charts().scatter().pointCount() > 0);
        await("finished", 180, () -> wb.vm().run().getState() == RunState.FINISHED);
        double resumeGap = meter.maxGapMillis();
        double resumeFxCpu = meter.maxFxCpuNanos / 1e6;
        assertEquals(RunState.FINISHED, state(), wb.vm().run().messageProperty().get());
        Set<Integer> after = onFx(() -> wb.vm().trials().trials().stream().map(TrialRow::getIndex).collect(Collectors.toSet()));
        assertTrue(after.containsAll(keptIndices), "every trial finished before the cancel is kept");
        long picks = onFx(() -> wb.vm().trials().trials().stream().filter(t -> t.getPhase().equals("pick")).count());
        assertEquals(1, picks, "the converged model's pick is measured once");
        assertEquals(8 + 1, after.size(), "max_trials search trials and the model's pick");
        assertTrue(wb.vm().charts().baselines().containsKey(RecoveryMethod.LORA_UNIFORM.id()), "baseline line");
        robot.interact(() -> wb.view().show(WorkbenchView.RESULTS));
        TableView<?> results = robot.lookup("#results-table").queryAs(TableView.class);
        await("our RankAdaptor row in the results table", 30, () -> results.getItems().stream()
                .anyMatch(r -> r instanceof ResultsRow rr && !rr.reference() && rr.label().equals("RankAdaptor (best trial)")));

        // export the table and check the file
        Path csv = tmp.resolve("results.csv");
        robot.interact(() -> wb.vm().results().export(csv, ResultsViewModel.ExportFormat.CSV, executor));
        await("export written", 20, () -> Files.isRegularFile(csv) && wb.vm().results().exportStatusProperty().get().startsWith("wrote"));
        String text = Files.readString(csv);
        // the run report's format (experiment.ResultsExport): the run's task columns, our rows, the shown paper rows
        assertTrue(text.startsWith("method,label,reference,n,") && text.contains("boolq_mean") && text.contains("arc_easy_mean"), text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("rankadaptor,RankAdaptor (best trial),false,")), text);
        assertTrue(text.contains("paper T2 RankAdaptor"), "paper reference rows are exported while shown");

        System.out.println("[pulse] gaps over 50 ms: " + meter.slow);
        meter.explainGaps();
        double uiUpdate = ((dev.rankadaptor.ui.backend.OrchestratorRunController) wb.controller()).maxUiUpdateMillis();
        System.out.printf("[pulse] most FX-thread CPU between two pulses: first run %.1f ms, resumed run %.1f ms%n", runFxCpu, resumeFxCpu);
        System.out.printf("[pulse] max FX pulse gap: idle window %.1f ms; first run (prune, load, search, pause, cancel) %.1f ms over %d pulses;"
                + " resumed run (pause, resume, search, repeats, report) %.1f ms; longest UI update by the run feed %.1f ms; %d cores%n",
                idleGap, runGap, runPulses, resumeGap, uiUpdate, Runtime.getRuntime().availableProcessors());
        assertTrue(runPulses > 50, "the pulse meter ran: " + runPulses);
        // The bound, on any core count. It holds on 2 cores because background work and the JIT
        // run at a higher nice value than the UI threads (compute.BackgroundPriority) and hidden
        // chart-free panels leave the scene (WorkbenchView); before both, 2 cores gave 130-290 ms, with
        // the FX thread waiting for a CPU (RANKADAPTOR_PULSE_PROBE=true shows where a gap went).
        double bound = MAX_PULSE_GAP_MS;
        assertTrue(runGap < bound, "max pulse gap during the search " + runGap + " ms (bound " + bound + ", idle " + idleGap + ")");
        assertTrue(resumeGap < bound, "max pulse gap during the resumed run " + resumeGap + " ms (bound " + bound + ")");
        assertTrue(uiUpdate < MAX_PULSE_GAP_MS / 2, "one UI update of the run feed took " + uiUpdate + " ms");
    }
}

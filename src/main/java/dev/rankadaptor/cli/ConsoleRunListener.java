package dev.rankadaptor.cli;

import dev.rankadaptor.experiment.JournalRecord;
import dev.rankadaptor.pipeline.RunListener;
import dev.rankadaptor.pipeline.RunOutcome;
import dev.rankadaptor.pipeline.RunPhase;
import dev.rankadaptor.search.ModelUpdate;
import dev.rankadaptor.train.TrainingListener;

import java.io.PrintStream;
import java.util.Locale;

/** Prints a run's progress for a terminal: phases, one line per trial, a throttled step line. */
final class ConsoleRunListener implements RunListener {
    private final PrintStream out;
    private final ProgressLine steps;
    private final int plannedTrials;
    private int finished;
    private final long start = System.nanoTime();

    ConsoleRunListener(PrintStream out, int plannedTrials) {
        this.out = out;
        this.steps = new ProgressLine(out, 10_000);
        this.plannedTrials = plannedTrials;
    }

    @Override
    public void phase(RunPhase phase, String detail) {
        out.printf("== %s: %s%n", phase.name().toLowerCase(Locale.ROOT).replace('_', ' '), detail);
    }

    @Override
    public void trialStarted(JournalRecord.TrialStarted t) {
        steps.restart(); // the step line's elapsed and ETA are the trial's, not the run's
        out.printf("trial %d [%s %s] ranks %s%s%n", t.index(), t.method(), t.phase(), t.ranks(),
                t.predicted() == null ? "" : String.format(" predicted %.4f", t.predicted()));
    }

    @Override
    public void trainingStep(int trialIndex, TrainingListener.StepEvent e) {
        steps.update("  training", e.step(), e.totalSteps(), String.format("loss %.4f", e.loss()));
    }

    @Override
    public void trialFinished(JournalRecord.TrialFinished t) {
        finished++;
        double elapsed = (System.nanoTime() - start) / 1e9;
        String eta = plannedTrials > finished ? ProgressLine.formatSeconds(elapsed / finished * (plannedTrials - finished)) : "-";
        out.printf("  -> score %.4f (train %.1fs, eval %.1fs, loss %.3f -> %.3f)  [%d/~%d trials, elapsed %s, eta %s]%n",
                t.score(), t.trainSeconds(), t.evalSeconds(), t.loss().first(), t.loss().last(), finished, plannedTrials,
                ProgressLine.formatSeconds(elapsed), eta);
    }

    @Override
    public void modelUpdated(ModelUpdate u) {
        out.printf("  performance model refit on %d trials (train MSE %.4g, %d ms)%n", u.trialCount(), u.trainMse(), u.trainMillis());
    }

    @Override
    public void log(String message) {
        out.println("  " + message);
    }

    @Override
    public void finished(RunOutcome outcome) {
        out.printf("== run %s: %s (%s)%n", outcome.status().name().toLowerCase(Locale.ROOT), outcome.runDir(), outcome.message());
    }
}

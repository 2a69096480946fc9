package dev.rankadaptor.pipeline;

import dev.rankadaptor.experiment.TrialLossHistory;
import dev.rankadaptor.train.TrainingListener;

import java.nio.file.Path;

/**
 * Forwards a trial's optimizer steps to the run listener, tagged with the trial's index, and, given
 * the run folder, keeps each step's loss and writes them to {@code trials/<index>/loss.json}
 * ({@link TrialLossHistory}) after the last step, for the workbench's trial detail.
 */
final class TrialStepForwarder implements TrainingListener {
    private final RunListener listener;
    private final int trialIndex;
    private final Path runFolder;
    private double[] losses = new double[64];
    private int steps;

    TrialStepForwarder(RunListener listener, int trialIndex) {
        this(listener, trialIndex, null);
    }

    /** {@code runFolder} null: no loss history is written. */
    TrialStepForwarder(RunListener listener, int trialIndex, Path runFolder) {
        this.listener = listener;
        this.trialIndex = trialIndex;
        this.runFolder = runFolder;
    }

    @Override
    public void step(StepEvent event) {
        listener.trainingStep(trialIndex, event);
        if (runFolder == null) {
            return;
        }
        if (steps == losses.length) {
            losses = java.util.Arrays.copyOf(losses, steps * 2);
        }
        losses[steps++] = event.loss();
        if (event.step() == event.totalSteps()) {
            try {
                new TrialLossHistory(trialIndex, java.util.Arrays.copyOf(losses, steps))
                        .write(TrialLossHistory.file(runFolder, trialIndex));
            } catch (RuntimeException e) {
                listener.log("trial " + trialIndex + ": loss history not written: " + e.getMessage());
            }
        }
    }
}

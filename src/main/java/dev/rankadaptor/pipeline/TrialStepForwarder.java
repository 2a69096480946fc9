package dev.rankadaptor.pipeline;

import dev.rankadaptor.train.TrainingListener;

/** Forwards a trial's optimizer steps to the run listener, tagged with the trial's index. */
final class TrialStepForwarder implements TrainingListener {
    private final RunListener listener;
    private final int trialIndex;

    TrialStepForwarder(RunListener listener, int trialIndex) {
        this.listener = listener;
        this.trialIndex = trialIndex;
    }

    @Override
    public void step(StepEvent event) {
        listener.trainingStep(trialIndex, event);
    }
}

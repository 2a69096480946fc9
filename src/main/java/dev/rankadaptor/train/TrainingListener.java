package dev.rankadaptor.train;

/**
 * Per-step progress of a training run, for the CLI progress bar, the GUI's live loss curve and
 * the journal. Called on the training thread: implementations must be cheap and thread-safe.
 */
public interface TrainingListener {
    /** One optimizer step finished. */
    default void step(StepEvent event) {
    }

    /** A validation pass finished after optimizer step {@code step}. */
    default void validation(int step, double loss) {
    }

    /** What one optimizer step did. tokensPerSecond counts trained (masked-in) tokens. */
    record StepEvent(int step, int totalSteps, double loss, double lr, double gradNorm, double tokensPerSecond) {
    }

    TrainingListener NONE = new TrainingListener() {
    };
}

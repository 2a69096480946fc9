package dev.rankadaptor.ui.run;

/**
 * The seam between the Run panel and the search back end (the lead implements it over the
 * experiment runner). Every method returns at once; the back end reports progress and state
 * changes through {@link RunControlsViewModel}'s {@code on...} methods on the UI thread
 * (through the UiExecutor), so the panel never blocks.
 */
public interface RunController {
    /** Starts a new run, or resumes one from its journal when {@code resume} is true. */
    void start(boolean resume);

    /** Pause after the current trial. */
    void pause();

    /** Continue a paused run. */
    void resume();

    /** Finish the current trial, run the baselines and report. */
    void stop();

    /** Abort now; finished trials stay in the journal. */
    void cancel();

    /** A controller that ignores every action: views shown without a back end (benches, screenshots). */
    static RunController inert() {
        return new RunController() {
            @Override
            public void start(boolean resume) {
            }

            @Override
            public void pause() {
            }

            @Override
            public void resume() {
            }

            @Override
            public void stop() {
            }

            @Override
            public void cancel() {
            }
        };
    }
}

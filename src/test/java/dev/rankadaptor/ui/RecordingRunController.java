package dev.rankadaptor.ui;

import dev.rankadaptor.ui.run.RunController;

import java.util.List;

/**
 * Records every action the Run panel sends, as "start", "resume-journal", "pause", "resume",
 * "stop" and "cancel", so tests can assert what the buttons did.
 */
record RecordingRunController(List<String> calls) implements RunController {
    @Override
    public void start(boolean resume) {
        calls.add(resume ? "resume-journal" : "start");
    }

    @Override
    public void pause() {
        calls.add("pause");
    }

    @Override
    public void resume() {
        calls.add("resume");
    }

    @Override
    public void stop() {
        calls.add("stop");
    }

    @Override
    public void cancel() {
        calls.add("cancel");
    }
}

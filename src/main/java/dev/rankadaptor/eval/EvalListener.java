package dev.rankadaptor.eval;

/**
 * Progress of an evaluation, for a progress bar or a log. Called on the evaluating thread after
 * every item; implementations must be cheap (throttle or hand off to the UI thread themselves).
 */
public interface EvalListener {
    EvalListener NONE = new EvalListener() {
    };

    default void taskStarted(TaskKind task, int total) {
    }

    default void itemsDone(TaskKind task, int done, int total) {
    }

    default void taskFinished(TaskResult result) {
    }
}

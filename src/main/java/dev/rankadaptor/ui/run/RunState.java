package dev.rankadaptor.ui.run;

/**
 * States of a search run as the Run panel shows them. PAUSING and STOPPING are the "after the
 * current trial" states: the request was made and the run finishes its trial first.
 */
public enum RunState {
    IDLE, RUNNING, PAUSING, PAUSED, STOPPING, CANCELLING, FINISHED, CANCELLED, FAILED;

    public boolean isActive() {
        return this == RUNNING || this == PAUSING || this == STOPPING || this == CANCELLING;
    }

    public boolean isTerminal() {
        return this == FINISHED || this == CANCELLED || this == FAILED;
    }
}

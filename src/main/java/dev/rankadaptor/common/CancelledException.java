package dev.rankadaptor.common;

/** Thrown at a safe point after the user cancelled; callers treat it as a clean stop, not an error. */
public final class CancelledException extends RuntimeException {
    public CancelledException() {
        super("cancelled by the user");
    }
}

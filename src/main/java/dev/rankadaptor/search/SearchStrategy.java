package dev.rankadaptor.search;

/**
 * A way of choosing which rank vectors to try (the model-guided {@link SearchLoop}, the
 * {@link RandomSearch} baseline). All strategies share the runner, listener, control, seed streams
 * and resume-from-records rules, so the experiment layer drives them the same way.
 */
public interface SearchStrategy {
    /** Runs on the calling thread until done, stopped or cancelled; finished trials are in the result. */
    SearchResult run(TrialRunner runner, SearchListener listener, SearchControl control);
}

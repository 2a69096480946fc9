package dev.rankadaptor.eval;

/**
 * Whether the choices of a multiple-choice item go to the model in one shared-context call or
 * one call per pair. Both must give the same numbers; PER_PAIR exists to check that and to
 * measure the speed-up.
 */
public enum ScoringMode {
    SHARED,
    PER_PAIR
}

package dev.rankadaptor.search;

/** Why a trial was run; journals and the GUI colour trials by it. */
public enum TrialPhase {
    /** Random trial before the performance model has data (or to calibrate a meta-learned model). */
    INITIAL,
    /** Chosen by the performance model (or an exploration pick of the model-based loop). */
    SEARCH,
    /** A baseline configuration (uniform rank, LoRA*, random search). */
    BASELINE,
    /** A re-run of an earlier configuration with another seed, to estimate noise. */
    REPEAT,
    /**
     * A re-measurement of the first initial configuration with another trial seed, on the same items:
     * its spread against the first measurement is the noise of one trial, the default convergence
     * threshold (see {@link SearchConfig#noiseTrials()}).
     */
    NOISE,
    /** The configuration the converged performance model predicts best (see {@link ModelPick}). */
    PICK
}

package dev.rankadaptor.search;

import java.util.SplittableRandom;

/**
 * Derives every random stream of a search from (run seed, trial index, purpose), never from a
 * stream that advances across trials. That is what makes a resumed run take exactly the decisions
 * of an uninterrupted one: trial 7's candidates do not depend on how many numbers trials 0-6 drew.
 */
public final class SeedStreams {
    /** Purpose: the random rank vector of an initial / random-search trial. */
    public static final long RANDOM_RANKS = 0x52414E44L;
    /** Purpose: the M candidates of a model-guided iteration. */
    public static final long CANDIDATES = 0x43414E44L;
    /** Purpose: the epsilon-exploration coin and pick. */
    public static final long EXPLORATION = 0x4558504CL;
    /** Purpose: the seed handed to the trial runner. */
    public static final long TRIAL = 0x5452494CL;
    /** Purpose: the performance model's weight initialisation. */
    public static final long MODEL_INIT = 0x4D4F444CL;
    /** Purpose: points sampled for the importance estimate. */
    public static final long IMPORTANCE = 0x494D504FL;

    private SeedStreams() {
    }

    /** SplitMix64 finaliser: a well-mixed 64-bit hash. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public static long derive(long seed, long index, long purpose) {
        return mix(mix(mix(seed) ^ (index * 0x9E3779B97F4A7C15L)) ^ purpose);
    }

    public static SplittableRandom stream(long seed, long index, long purpose) {
        return new SplittableRandom(derive(seed, index, purpose));
    }

    /** The seed the trial runner gets for trial {@code index} (same for every strategy, so baselines pair up). */
    public static long trialSeed(long seed, int index) {
        return derive(seed, index, TRIAL) & Long.MAX_VALUE;
    }
}

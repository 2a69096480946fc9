package dev.rankadaptor.search;

import dev.rankadaptor.common.CancellationToken;

/**
 * Runs one trial: recover the pruned model with these per-layer ranks (LoRA training + evaluation)
 * and measure the score. The search never knows what a trial is, so it is tested on synthetic
 * objectives and wired to real LoRA recovery by the experiment layer.
 * Implementations must honour {@code token} (throw {@link dev.rankadaptor.common.CancelledException})
 * and should be deterministic given {@code seed}.
 */
@FunctionalInterface
public interface TrialRunner {
    TrialOutcome run(int[] ranks, long seed, CancellationToken token);
}

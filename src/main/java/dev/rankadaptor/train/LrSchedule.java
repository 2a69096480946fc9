package dev.rankadaptor.train;

import dev.rankadaptor.common.Check;

import java.util.Locale;

/**
 * Learning rate per optimizer step: linear warmup, then constant, linear or cosine decay to
 * zero at the last step (HF Trainer's "linear" is the LLM-Pruner recovery default).
 */
public record LrSchedule(double peak, int warmupSteps, int totalSteps, Decay decay) {
    /** Shape after warmup. */
    public enum Decay {
        CONSTANT, LINEAR, COSINE;

        public static Decay parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new dev.rankadaptor.common.InvalidFieldException("lr_schedule", "expected constant, linear or cosine, was " + s);
            }
        }
    }

    public LrSchedule {
        Check.positive("learning_rate", peak);
        Check.nonNegative("warmup_steps", warmupSteps);
        Check.positive("total_steps", totalSteps);
        Check.notNull("lr_schedule", decay);
    }

    /** Learning rate for 0-based optimizer step s. */
    public double at(int s) {
        if (s < warmupSteps) {
            return peak * (s + 1) / (double) warmupSteps;
        }
        int span = Math.max(1, totalSteps - warmupSteps);
        double progress = Math.min(1.0, (s - warmupSteps) / (double) span);
        return switch (decay) {
            case CONSTANT -> peak;
            case LINEAR -> peak * (1 - progress);
            case COSINE -> peak * 0.5 * (1 + Math.cos(Math.PI * progress));
        };
    }
}

package dev.rankadaptor.recover;

import dev.rankadaptor.common.InvalidFieldException;

import java.util.Locale;

/**
 * How the LoRA scale follows the rank when ranks differ per layer. With one fixed alpha the
 * scale alpha/r shrinks as r grows, so a rank search would also be searching scales;
 * ALPHA_2R keeps the scale at 2 for every rank (the LLM-Pruner recipe r 8 / alpha 16), and
 * RSLORA uses alpha/sqrt(r) (rank-stabilised LoRA).
 */
public enum AlphaRule {
    /** scale = alpha / r with the configured alpha for every module. */
    FIXED,
    /** alpha = 2r per module, so scale = 2 whatever the rank. */
    ALPHA_2R,
    /** scale = alpha / sqrt(r). */
    RSLORA;

    /** The multiplier of B A for a module of rank r. */
    public double scale(double alpha, int r) {
        if (r <= 0) {
            throw new IllegalArgumentException("rank must be > 0, was " + r);
        }
        return switch (this) {
            case FIXED -> alpha / r;
            case ALPHA_2R -> 2.0;
            case RSLORA -> alpha / Math.sqrt(r);
        };
    }

    public static AlphaRule parse(String s) {
        String t = s.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        return switch (t) {
            case "FIXED" -> FIXED;
            case "ALPHA_2R", "2R" -> ALPHA_2R;
            case "RSLORA" -> RSLORA;
            default -> throw new InvalidFieldException("alpha_rule", "expected fixed, alpha_2r or rslora, was " + s);
        };
    }
}

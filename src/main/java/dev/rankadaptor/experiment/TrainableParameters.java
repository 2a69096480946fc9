package dev.rankadaptor.experiment;

import dev.rankadaptor.common.InvalidFieldException;

import java.util.Locale;

/**
 * A method's trainable LoRA parameters beside those of uniform LoRA at the base rank on the same pruned
 * model, so every table shows what each configuration costs (the paper keeps RankAdaptor "at the same
 * level" as LoRA r = 8).
 *
 * @param count   trainable parameters of the method's configuration (0 for no recovery)
 * @param uniform trainable parameters of uniform LoRA at the base rank (the 100 % reference)
 */
public record TrainableParameters(long count, long uniform) {
    public TrainableParameters {
        if (count < 0 || uniform <= 0) {
            throw new InvalidFieldException("parameters", "count must be >= 0 and the uniform reference > 0, were "
                    + count + " and " + uniform);
        }
    }

    /** count / uniform in percent. */
    public double percent() {
        return 100.0 * count / uniform;
    }

    /** "12,288 (75.0%)". */
    public String describe() {
        return String.format(Locale.ROOT, "%,d (%.1f%%)", count, percent());
    }
}

package dev.rankadaptor.recover;

import dev.rankadaptor.common.Check;
import dev.rankadaptor.common.InvalidFieldException;
import dev.rankadaptor.model.Projection;

import java.util.EnumSet;
import java.util.Set;

/**
 * AdaLoRA settings with PEFT's meanings and defaults (init_r 12, target_r 8, tinit 0, tfinal 0,
 * deltaT 1, beta1 = beta2 = 0.85, orth_reg_weight 0.5). lora_alpha is AdaLoRA's "scaling": the
 * update is multiplied by alpha / (init_r + 1e-5); we default it to 16 like the LoRA recipe.
 * The schedule's total step count is the recovery run's optimizer steps.
 */
public record AdaLoraConfig(Set<Projection> targets, int initR, int targetR, int tinit, int tfinal, int deltaT,
                            double beta1, double beta2, double orthRegWeight, double alpha, double dropout, long seed) {
    public AdaLoraConfig {
        Check.notNull("target_modules", targets);
        if (targets.isEmpty()) {
            throw new InvalidFieldException("target_modules", "at least one of q,k,v,o,gate,up,down is required");
        }
        targets = java.util.Collections.unmodifiableSet(EnumSet.copyOf(targets));
        Check.inRange("init_r", initR, 1, LoraConfig.MAX_RANK);
        Check.inRange("target_r", targetR, 1, initR);
        Check.nonNegative("tinit", tinit);
        Check.nonNegative("tfinal", tfinal);
        Check.positive("deltaT", deltaT);
        Check.openRange("beta1", beta1, 0.0, 1.0);
        Check.openRange("beta2", beta2, 0.0, 1.0);
        Check.inRange("orth_reg_weight", orthRegWeight, 0.0, 100.0);
        Check.positive("lora_alpha", alpha);
        Check.inRange("lora_dropout", dropout, 0.0, 0.9);
    }

    public static AdaLoraConfig defaults(long seed) {
        return new AdaLoraConfig(LoraConfig.allTargets(), 12, 8, 0, 0, 1, 0.85, 0.85, 0.5, 16.0, 0.05, seed);
    }

    /** The constant multiplier of B (A * E): alpha / (ranknum + 1e-5) with ranknum = init_r, as PEFT. */
    public double scaling() {
        return alpha / (initR + 1e-5);
    }
}

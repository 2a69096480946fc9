package dev.rankadaptor.train;

import dev.rankadaptor.common.Check;

/** AdamW hyper-parameters (decoupled weight decay, as torch.optim.AdamW / HF Trainer). */
public record AdamWConfig(double beta1, double beta2, double epsilon, double weightDecay, double maxGradNorm) {
    public AdamWConfig {
        Check.inRange("beta1", beta1, 0.0, 0.999999);
        Check.inRange("beta2", beta2, 0.0, 0.999999);
        Check.positive("epsilon", epsilon);
        Check.inRange("weight_decay", weightDecay, 0.0, 10.0);
        Check.inRange("max_grad_norm", maxGradNorm, 0.0, 1e9);
    }

    /** HF Trainer defaults: betas (0.9, 0.999), eps 1e-8, no weight decay, clip at 1.0. */
    public static AdamWConfig defaults() {
        return new AdamWConfig(0.9, 0.999, 1e-8, 0.0, 1.0);
    }
}

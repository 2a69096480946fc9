package dev.rankadaptor.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

import java.util.ArrayList;
import java.util.List;

/**
 * AdamW over an explicit list of trainable arrays (only those: frozen base weights get no state).
 * Updates run outside the gradient collector, in place, with per-step scalars created as arrays
 * in a scratch manager; gradients are zeroed after each update because PyTorch accumulates them.
 * Global-norm gradient clipping as in HF Trainer.
 */
public final class AdamW implements AutoCloseable {
    private final List<NDArray> params;
    private final List<NDArray> m = new ArrayList<>();
    private final List<NDArray> v = new ArrayList<>();
    private final AdamWConfig cfg;
    private final NDManager stateManager;
    private int step;

    public AdamW(List<NDArray> params, AdamWConfig cfg, NDManager parent) {
        if (params.isEmpty()) {
            throw new IllegalArgumentException("nothing to train: the parameter list is empty");
        }
        this.params = List.copyOf(params);
        this.cfg = cfg;
        this.stateManager = parent.newSubManager();
        for (NDArray p : this.params) {
            if (p.getDataType() != DataType.FLOAT32) {
                throw new IllegalArgumentException("trainable arrays must be float32, was " + p.getDataType());
            }
            m.add(stateManager.zeros(p.getShape()));
            v.add(stateManager.zeros(p.getShape()));
        }
    }

    public int stepCount() {
        return step;
    }

    /** The global L2 norm of the current gradients (before clipping). */
    public double gradNorm() {
        double ss = 0;
        try (NDManager scratch = stateManager.newSubManager()) {
            for (NDArray p : params) {
                NDArray g = p.getGradient();
                g.attach(scratch);
                ss += g.mul(g).sum().getFloat();
            }
        }
        return Math.sqrt(ss);
    }

    /** One update with learning rate lr; returns the gradient norm before clipping. */
    public double update(double lr) {
        step++;
        double norm = gradNorm();
        double clip = cfg.maxGradNorm() > 0 && norm > cfg.maxGradNorm() ? cfg.maxGradNorm() / (norm + 1e-6) : 1.0;
        double bc1 = 1 - Math.pow(cfg.beta1(), step);
        double bc2 = 1 - Math.pow(cfg.beta2(), step);
        try (NDManager s = stateManager.newSubManager()) {
            NDArray b1 = s.create((float) cfg.beta1());
            NDArray oneMinusB1 = s.create((float) ((1 - cfg.beta1()) * clip));
            NDArray b2 = s.create((float) cfg.beta2());
            NDArray oneMinusB2 = s.create((float) ((1 - cfg.beta2()) * clip * clip));
            NDArray stepSize = s.create((float) (lr / bc1));
            NDArray sqrtBc2 = s.create((float) Math.sqrt(bc2));
            NDArray eps = s.create((float) cfg.epsilon());
            NDArray decay = s.create((float) (1 - lr * cfg.weightDecay()));
            for (int i = 0; i < params.size(); i++) {
                NDArray p = params.get(i);
                NDArray g = p.getGradient();
                NDArray mi = m.get(i);
                NDArray vi = v.get(i);
                g.attach(s);
                s.tempAttachAll(mi, vi);
                mi.muli(b1).addi(g.mul(oneMinusB1));
                vi.muli(b2).addi(g.mul(g).mul(oneMinusB2));
                NDArray denom = vi.sqrt().div(sqrtBc2).add(eps);
                if (cfg.weightDecay() > 0) {
                    p.muli(decay);
                }
                p.subi(mi.mul(stepSize).div(denom));
                g.subi(g);
            }
        }
        return norm;
    }

    /** Zeroes the gradients without updating (e.g. after a skipped step). */
    public void zeroGrad() {
        try (NDManager s = stateManager.newSubManager()) {
            for (NDArray p : params) {
                NDArray g = p.getGradient();
                g.attach(s);
                g.subi(g);
            }
        }
    }

    @Override
    public void close() {
        stateManager.close();
    }
}

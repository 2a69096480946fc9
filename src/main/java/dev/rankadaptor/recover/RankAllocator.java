package dev.rankadaptor.recover;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AdaLoRA's rank allocation (PEFT RankAllocator): after each optimizer step it updates the
 * smoothed sensitivity Ibar = b1 Ibar + (1-b1) |p * g| and uncertainty
 * Ubar = b2 Ubar + (1-b2) |I - Ibar| of every A, B, E entry, scores each singular triplet k as
 * s(E_k) + mean_j s(A_kj) + mean_i s(B_ik) with s = Ibar * Ubar, and zeroes the E entries of the
 * lowest-scored triplets so that the total rank meets the budget. Gradients are copied before
 * the optimizer clears them and combined with the updated weights, as PEFT does (it runs after
 * optimizer.step(), before zero_grad()). All of this runs outside autograd.
 */
final class RankAllocator implements AutoCloseable {
    private final Map<String, AdaLoraAdapter> modules;
    private final BudgetSchedule schedule;
    private final float beta1;
    private final float beta2;
    private final NDManager manager;
    // keyed by identity: DJL's NDArray equals/hashCode compare contents, which change every step
    private final Map<NDArray, NDArray> gradCopies = new IdentityHashMap<>();
    private final Map<NDArray, NDArray[]> ema = new IdentityHashMap<>();
    private final Map<String, boolean[]> pattern = new LinkedHashMap<>();
    private int lastBudget;

    RankAllocator(Map<String, AdaLoraAdapter> modules, BudgetSchedule schedule, double beta1, double beta2, NDManager parent) {
        this.modules = modules;
        this.schedule = schedule;
        this.beta1 = (float) beta1;
        this.beta2 = (float) beta2;
        this.manager = parent.newSubManager();
        this.lastBudget = schedule.initBudget();
    }

    /** Copies the accumulated gradients of step {@code step} (the optimizer zeroes them next). */
    void captureGradients(int step) {
        if (step >= schedule.finalAllocationStep()) {
            return; // PEFT updates sensitivities only before the final allocation step
        }
        try (NDManager scratch = manager.newSubManager()) {
            for (AdaLoraAdapter a : modules.values()) {
                for (NDArray p : a.trainable()) {
                    NDArray g = p.getGradient();
                    g.attach(scratch);
                    NDArray copy = g.duplicate();
                    copy.attach(manager);
                    NDArray old = gradCopies.put(p, copy);
                    if (old != null) {
                        old.close();
                    }
                }
            }
        }
    }

    /** Runs after optimizer step {@code step}: sensitivity update, then masking per the schedule. */
    void afterUpdate(int step) {
        int finalStep = schedule.finalAllocationStep();
        if (step < finalStep) {
            updateSensitivity();
            if (schedule.masksAt(step)) {
                maskToBudget(schedule.budget(step));
            }
        } else if (step == finalStep) {
            maskToBudget(schedule.budget(step));
            resetSensitivity();
        } else {
            applyPattern();
        }
    }

    private void updateSensitivity() {
        try (NDManager scratch = manager.newSubManager()) {
            for (Map.Entry<NDArray, NDArray> e : gradCopies.entrySet()) {
                NDArray p = e.getKey();
                scratch.tempAttachAll(p);
                NDArray ipt = p.mul(e.getValue()).abs();
                NDArray[] s = ema.computeIfAbsent(p, k -> new NDArray[]{manager.zeros(k.getShape()), manager.zeros(k.getShape())});
                scratch.tempAttachAll(s[0], s[1]);
                s[0].muli(beta1).addi(ipt.mul(1 - beta1));
                s[1].muli(beta2).addi(ipt.sub(s[0]).abs().mul(1 - beta2));
            }
        }
    }

    private void resetSensitivity() {
        for (NDArray[] s : ema.values()) {
            s[0].close();
            s[1].close();
        }
        ema.clear();
    }

    /** Triplet score per singular value of one module (zeros before any sensitivity exists). */
    private float[] tripletScores(AdaLoraAdapter a, NDManager scratch) {
        int r = a.rank();
        float[] score = new float[r];
        NDArray[] se = ema.get(a.loraE());
        NDArray[] sa = ema.get(a.loraA());
        NDArray[] sb = ema.get(a.loraB());
        if (se == null || sa == null || sb == null) {
            return score;
        }
        scratch.tempAttachAll(se[0], se[1], sa[0], sa[1], sb[0], sb[1]);
        float[] e = se[0].mul(se[1]).toFloatArray();
        float[] av = sa[0].mul(sa[1]).mean(new int[]{1}).toFloatArray();
        float[] bv = sb[0].mul(sb[1]).mean(new int[]{0}).toFloatArray();
        for (int k = 0; k < r; k++) {
            score[k] = e[k] + av[k] + bv[k];
        }
        return score;
    }

    /** Zeroes the E entries of the (init budget - budget) lowest-scored triplets across all modules. */
    void maskToBudget(int budget) {
        lastBudget = budget;
        int k = schedule.initBudget() - budget;
        Map<String, float[]> scores = new LinkedHashMap<>();
        List<Float> all = new ArrayList<>();
        try (NDManager scratch = manager.newSubManager()) {
            for (Map.Entry<String, AdaLoraAdapter> m : modules.entrySet()) {
                float[] s = tripletScores(m.getValue(), scratch);
                scores.put(m.getKey(), s);
                for (float v : s) {
                    all.add(v);
                }
            }
        }
        if (k <= 0) {
            return;
        }
        float[] sorted = new float[all.size()];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = all.get(i);
        }
        Arrays.sort(sorted);
        float threshold = sorted[Math.min(k, sorted.length) - 1];
        for (Map.Entry<String, AdaLoraAdapter> m : modules.entrySet()) {
            float[] s = scores.get(m.getKey());
            boolean[] keep = new boolean[s.length];
            for (int i = 0; i < s.length; i++) {
                keep[i] = !(s[i] <= threshold);
            }
            pattern.put(m.getKey(), keep);
        }
        applyPattern();
    }

    /** Sets E to 0 where the current pattern masks it (PEFT re-applies it every final-phase step). */
    private void applyPattern() {
        for (Map.Entry<String, boolean[]> m : pattern.entrySet()) {
            NDArray e = modules.get(m.getKey()).loraE();
            float[] v = e.toFloatArray();
            boolean[] keep = m.getValue();
            boolean changed = false;
            for (int i = 0; i < v.length; i++) {
                if (!keep[i] && v[i] != 0f) {
                    v[i] = 0f;
                    changed = true;
                }
            }
            if (changed) {
                e.set(v);
            }
        }
    }

    /** Kept singular values per module under the latest allocation (init_r before the first one). */
    Map<String, Integer> ranks() {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Map.Entry<String, AdaLoraAdapter> m : modules.entrySet()) {
            boolean[] keep = pattern.get(m.getKey());
            int n = m.getValue().rank();
            if (keep != null) {
                n = 0;
                for (boolean b : keep) {
                    n += b ? 1 : 0;
                }
            }
            out.put(m.getKey(), n);
        }
        return out;
    }

    /** Current triplet scores per module (diagnostics and tests). */
    Map<String, float[]> scores() {
        Map<String, float[]> out = new LinkedHashMap<>();
        try (NDManager scratch = manager.newSubManager()) {
            for (Map.Entry<String, AdaLoraAdapter> m : modules.entrySet()) {
                out.put(m.getKey(), tripletScores(m.getValue(), scratch));
            }
        }
        return out;
    }

    /** Arrays with smoothed statistics: A, B and E of every module once training has started. */
    int trackedArrays() {
        return ema.size();
    }

    int lastBudget() {
        return lastBudget;
    }

    @Override
    public void close() {
        manager.close();
    }
}

package dev.rankadaptor.recover;

import dev.rankadaptor.common.InvalidFieldException;

/**
 * AdaLoRA's total rank budget per step (PEFT RankAllocator.budget_schedule): the initial budget
 * (init_r per module) up to step tinit, then a cubic decrease to the target budget (target_r per
 * module) at step T - tfinal, masking every deltaT steps, then the target budget to the end.
 */
public record BudgetSchedule(int initBudget, int targetBudget, int tinit, int tfinal, int totalSteps, int deltaT) {
    public BudgetSchedule {
        if (targetBudget < 0 || targetBudget > initBudget) {
            throw new InvalidFieldException("target_r", "target budget " + targetBudget + " must be in [0, " + initBudget + "]");
        }
        if (tinit >= totalSteps - tfinal) {
            throw new InvalidFieldException("tinit", "tinit (" + tinit + ") must be < total steps (" + totalSteps
                    + ") - tfinal (" + tfinal + "): the run is too short for this AdaLoRA schedule");
        }
        if (deltaT <= 0) {
            throw new InvalidFieldException("deltaT", "must be > 0, was " + deltaT);
        }
    }

    /** Budget after step {@code step} (1-based optimizer steps). */
    public int budget(int step) {
        if (step <= tinit) {
            return initBudget;
        }
        if (step > totalSteps - tfinal) {
            return targetBudget;
        }
        double coeff = 1.0 - (step - tinit) / (double) (totalSteps - tfinal - tinit);
        return (int) ((initBudget - targetBudget) * coeff * coeff * coeff + targetBudget);
    }

    /** Whether the ranks are re-allocated after this step (before the final phase). */
    public boolean masksAt(int step) {
        if (step <= tinit) {
            return false;
        }
        if (step > totalSteps - tfinal) {
            return true;
        }
        return step % deltaT == 0;
    }

    /** The step at which the allocation is frozen (T - tfinal). */
    public int finalAllocationStep() {
        return totalSteps - tfinal;
    }
}

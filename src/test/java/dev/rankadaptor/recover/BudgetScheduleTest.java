package dev.rankadaptor.recover;

import dev.rankadaptor.common.InvalidFieldException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BudgetScheduleTest {
    @Test
    void budgetFollowsTheCubicScheduleFromInitToTarget() {
        // 10 modules: init 12 each (120), target 8 each (80); tinit 10, tfinal 20, T 110 -> decay over steps 10..90
        BudgetSchedule s = new BudgetSchedule(120, 80, 10, 20, 110, 5);
        assertEquals(120, s.budget(0));
        assertEquals(120, s.budget(10));
        assertFalse(s.masksAt(10));
        // step 30: coeff = 1 - 20/80 = 0.75 -> 40 * 0.421875 + 80 = 96.875 -> 96
        assertEquals(96, s.budget(30));
        // step 50: coeff 0.5 -> 40 * 0.125 + 80 = 85
        assertEquals(85, s.budget(50));
        // step 70: coeff 0.25 -> 40 / 64 + 80 = 80.625 -> 80
        assertEquals(80, s.budget(70));
        assertEquals(80, s.budget(90));
        assertEquals(80, s.budget(91));
        assertEquals(80, s.budget(110));
        assertTrue(s.masksAt(30));
        assertFalse(s.masksAt(31));
        assertTrue(s.masksAt(95));
        for (int step = 11; step < 90; step++) {
            double coeff = 1 - (step - 10) / 80.0;
            assertEquals((int) (40 * Math.pow(coeff, 3) + 80), s.budget(step), "step " + step);
            assertTrue(s.budget(step) <= s.budget(step - 1), "budget never grows");
        }
    }

    @Test
    void aRunTooShortForTheScheduleIsRejectedWithTheField() {
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> new BudgetSchedule(12, 8, 5, 5, 10, 1));
        assertEquals("tinit", e.field());
    }
}
